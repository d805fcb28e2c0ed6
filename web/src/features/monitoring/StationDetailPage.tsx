/** Placeholder until the page is written (this session). */
export default function StationDetailPage() {
  return null;
}
