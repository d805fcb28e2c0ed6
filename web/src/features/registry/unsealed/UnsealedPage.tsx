/** Placeholder until the page is written (this session). */
export default function UnsealedPage() {
  return null;
}
