/** Vietnamese-insensitive matching: "pho hien" finds "Phố Hiến", "dong" finds "Đồng". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
