/** Vietnamese messages of the inspection pages (kiểm tra, thanh tra); inspections.en.ts has the same keys. */
export const inspections = {
  title: 'Kiểm tra, thanh tra',
};
