/** Placeholder until the page is written (this session). */
export default function StationsPage() {
  return null;
}
