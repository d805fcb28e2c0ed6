/** Vietnamese messages of the yearly inventory, unsealed sources and import pages; registry-tools.en.ts mirrors it. */
export const registryTools = {
  title: 'Công cụ sổ đăng ký',
};
