/** English messages of the monitoring pages: the same keys as monitoring.vi.ts. */
export const monitoring = {
  title: 'Environmental radiation monitoring',
};
