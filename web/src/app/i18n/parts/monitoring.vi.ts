/** Vietnamese messages of the monitoring pages; monitoring.en.ts has the same keys. */
export const monitoring = {
  title: 'Quan trắc phóng xạ môi trường',
};
