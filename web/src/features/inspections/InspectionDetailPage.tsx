/** Placeholder until the page is written (this session). */
export default function InspectionDetailPage() {
  return null;
}
