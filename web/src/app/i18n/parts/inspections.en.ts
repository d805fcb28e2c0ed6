/** English messages of the inspection pages: the same keys as inspections.vi.ts (en.ts checks the shape). */
export const inspections = {
  title: 'Inspections',
};
