/** Vietnamese messages shared by the spreadsheet import pages (registry, isotope results); file-import.en.ts mirrors it. */
export const fileImport = {
  fileTitle: 'Chọn tệp và chạy thử',
  template: 'Tải tệp mẫu',
  changeFile: 'Chọn tệp khác',
  rerun: 'Chạy thử lại',
  wrongType: 'Tệp “{{name}}” không phải tệp .xlsx hoặc .csv.',
  tooLarge: 'Tệp “{{name}}” có dung lượng {{size}}, vượt quá giới hạn {{limit}}.',
  running: 'Đang chạy thử…',
  rows: 'Dòng dữ liệu',
  issues: 'Lỗi',
  row: 'Dòng',
  headerRow: '{{row}} (tiêu đề)',
  column: 'Cột',
  message: 'Lỗi',
  another: 'Nhập tệp khác',
};
