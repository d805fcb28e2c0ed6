/** English messages of the inventory, unsealed and import pages: the same keys as registry-tools.vi.ts. */
export const registryTools = {
  title: 'Registry tools',
};
