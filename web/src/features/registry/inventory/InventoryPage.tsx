/** Placeholder until the page is written (this session). */
export default function InventoryPage() {
  return null;
}
