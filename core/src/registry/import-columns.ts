/**
 * Spreadsheet columns of the registry as the province keeps it today: Vietnamese (or English) headers,
 * Vietnamese labels or codes in cells, dates as dd/mm/yyyy or yyyy-mm-dd, decimal commas. Turns a sheet into
 * request bodies plus the problems found, each with its row and column. No I/O here.
 */
import type { Cell } from '../formats/xlsx.js';
import { columnName } from '../formats/xlsx.js';
import type { ValidationReason } from '../i18n/errors.js';
import { searchKey } from '../text.js';
import { DEVICE_STATUSES, DEVICE_TYPES, FACILITY_KINDS, SOURCE_USES } from './ledger.js';

export const IMPORT_KINDS = ['facilities', 'devices', 'sources'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

type ValueType =
  | 'text'
  | 'number'
  | 'integer'
  | 'date'
  | 'boolean'
  | { enum: readonly string[]; labels: Record<string, string[]> };

export interface ColumnSpec {
  field: string;
  headers: readonly string[];
  type: ValueType;
  required?: boolean;
}

const FACILITY_KIND_LABELS: Record<string, string[]> = {
  hospital: ['bệnh viện', 'benh vien'],
  clinic: ['phòng khám', 'phong kham', 'cơ sở y tế', 'trạm y tế'],
  industrial: ['công nghiệp', 'nhà máy', 'doanh nghiệp'],
  ndt_service: ['kiểm tra không phá hủy', 'ndt', 'chụp ảnh phóng xạ công nghiệp'],
  research: ['nghiên cứu', 'viện nghiên cứu'],
  education: ['giáo dục', 'đào tạo', 'trường học'],
  other: ['khác'],
};
const DEVICE_TYPE_LABELS: Record<string, string[]> = {
  xray_general: ['x-quang', 'x quang', 'x-quang tổng hợp', 'x-quang chẩn đoán'],
  xray_dental: ['x-quang răng', 'x-quang nha khoa', 'nha khoa'],
  mammography: ['chụp vú', 'x-quang vú', 'mammography'],
  fluoroscopy: ['x-quang tăng sáng', 'c-arm', 'chiếu'],
  dsa: ['dsa', 'chụp mạch', 'can thiệp mạch'],
  ct: ['ct', 'ct scanner', 'cắt lớp vi tính', 'chụp cắt lớp'],
  bone_densitometry: ['đo mật độ xương', 'loãng xương'],
  xray_mobile: ['x-quang di động', 'x-quang xách tay'],
  xray_industrial: ['x-quang công nghiệp'],
  xray_security: ['soi chiếu an ninh', 'soi chiếu hành lý', 'soi container'],
  linac: ['máy gia tốc', 'gia tốc tuyến tính', 'linac'],
  spect: ['spect'],
  spect_ct: ['spect/ct', 'spect-ct'],
  pet_ct: ['pet/ct', 'pet-ct'],
  pet_mri: ['pet/mri', 'pet-mri'],
  mri: ['mri', 'cộng hưởng từ'],
  irradiator: ['máy chiếu xạ', 'thiết bị chiếu xạ'],
  other: ['khác'],
};
const SOURCE_USE_LABELS: Record<string, string[]> = {
  gauge: ['thiết bị đo', 'đo mức', 'đo độ dày', 'đo mật độ'],
  ndt: ['chụp ảnh phóng xạ', 'kiểm tra không phá hủy', 'ndt'],
  teletherapy: ['xạ trị từ xa'],
  brachytherapy: ['xạ trị áp sát'],
  irradiator: ['chiếu xạ'],
  calibration: ['hiệu chuẩn', 'nguồn chuẩn'],
  well_logging: ['địa vật lý giếng khoan', 'carota'],
  research: ['nghiên cứu'],
  nuclear_medicine: ['y học hạt nhân'],
  other: ['khác'],
};
const DEVICE_STATUS_LABELS: Record<string, string[]> = {
  in_use: ['đang sử dụng', 'đang dùng'],
  stored: ['lưu kho', 'không sử dụng'],
  retired: ['thanh lý', 'ngừng sử dụng'],
};

export const IMPORT_COLUMNS: Record<ImportKind, readonly ColumnSpec[]> = {
  facilities: [
    { field: 'code', headers: ['Mã cơ sở', 'Code'], type: 'text' },
    { field: 'name', headers: ['Tên cơ sở', 'Name', 'Tên'], type: 'text', required: true },
    {
      field: 'kind',
      headers: ['Loại cơ sở', 'Loại', 'Kind'],
      type: { enum: FACILITY_KINDS, labels: FACILITY_KIND_LABELS },
      required: true,
    },
    { field: 'legalName', headers: ['Tên pháp nhân', 'Legal name'], type: 'text' },
    { field: 'taxCode', headers: ['Mã số thuế', 'Tax code', 'MST'], type: 'text' },
    {
      field: 'communeCode',
      headers: ['Mã xã', 'Mã xã/phường', 'Commune code'],
      type: 'text',
      required: true,
    },
    { field: 'address', headers: ['Địa chỉ', 'Address'], type: 'text' },
    { field: 'lat', headers: ['Vĩ độ', 'Latitude', 'Lat'], type: 'number', required: true },
    { field: 'lon', headers: ['Kinh độ', 'Longitude', 'Lon'], type: 'number', required: true },
    { field: 'phone', headers: ['Điện thoại', 'Phone'], type: 'text' },
    { field: 'email', headers: ['Email', 'Thư điện tử'], type: 'text' },
    { field: 'rsoName', headers: ['Người phụ trách an toàn', 'Radiation safety officer'], type: 'text' },
    { field: 'rsoCertificateNumber', headers: ['Số chứng chỉ', 'Certificate number'], type: 'text' },
    { field: 'rsoCertificateExpiry', headers: ['Hạn chứng chỉ', 'Certificate expiry'], type: 'date' },
  ],
  devices: [
    { field: 'facilityCode', headers: ['Mã cơ sở', 'Facility code'], type: 'text', required: true },
    {
      field: 'type',
      headers: ['Loại thiết bị', 'Loại', 'Type'],
      type: { enum: DEVICE_TYPES, labels: DEVICE_TYPE_LABELS },
      required: true,
    },
    { field: 'maker', headers: ['Hãng sản xuất', 'Hãng', 'Maker'], type: 'text' },
    { field: 'model', headers: ['Model', 'Kiểu'], type: 'text' },
    { field: 'serial', headers: ['Số sê-ri', 'Số seri', 'Serial'], type: 'text' },
    { field: 'yearMade', headers: ['Năm sản xuất', 'Year'], type: 'integer' },
    { field: 'digital', headers: ['Kỹ thuật số', 'Digital'], type: 'boolean' },
    { field: 'location', headers: ['Vị trí', 'Location'], type: 'text' },
    {
      field: 'status',
      headers: ['Tình trạng', 'Trạng thái', 'Status'],
      type: { enum: DEVICE_STATUSES, labels: DEVICE_STATUS_LABELS },
    },
  ],
  sources: [
    { field: 'facilityCode', headers: ['Mã cơ sở', 'Facility code'], type: 'text', required: true },
    { field: 'nuclide', headers: ['Đồng vị', 'Nhân phóng xạ', 'Nuclide'], type: 'text', required: true },
    { field: 'serial', headers: ['Số sê-ri', 'Số seri', 'Serial'], type: 'text', required: true },
    { field: 'manufacturer', headers: ['Nhà sản xuất', 'Hãng', 'Manufacturer'], type: 'text' },
    { field: 'model', headers: ['Model', 'Kiểu'], type: 'text' },
    {
      field: 'referenceActivityBq',
      headers: ['Hoạt độ ban đầu (Bq)', 'Hoạt độ (Bq)', 'Reference activity (Bq)'],
      type: 'number',
      required: true,
    },
    {
      field: 'referenceDate',
      headers: ['Ngày xác định hoạt độ', 'Ngày tham chiếu', 'Reference date'],
      type: 'date',
      required: true,
    },
    {
      field: 'use',
      headers: ['Mục đích sử dụng', 'Mục đích', 'Use'],
      type: { enum: SOURCE_USES, labels: SOURCE_USE_LABELS },
    },
    { field: 'location', headers: ['Vị trí', 'Nơi lưu giữ', 'Location'], type: 'text' },
    { field: 'receivedOn', headers: ['Ngày nhận', 'Received on'], type: 'date' },
  ],
};

export interface ImportIssue {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  /** Column letter and header, e.g. `C (Mã xã)`, or null for a whole-row problem. */
  column: string | null;
  field: string;
  reason: ValidationReason | 'unknown_column' | 'missing_column' | 'duplicate_in_file' | 'empty_file';
  params?: Record<string, unknown>;
}

export interface ParsedSheet {
  rows: Array<{ row: number; values: Record<string, unknown> }>;
  issues: ImportIssue[];
  columnOf: Record<string, string>;
}

const DATE_DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function parseValue(
  cell: Cell,
  type: ValueType,
): { value: unknown } | { reason: ValidationReason; params?: Record<string, unknown> } {
  if (type === 'text')
    return {
      value:
        typeof cell === 'number'
          ? Number.isInteger(cell)
            ? cell.toFixed(0)
            : String(cell)
          : String(cell).trim(),
    };
  if (type === 'number' || type === 'integer') {
    let n: number;
    if (typeof cell === 'number') n = cell;
    else {
      const text = String(cell).trim().replace(/\s/g, '');
      const normalised = /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
      n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
    }
    if (!Number.isFinite(n)) return { reason: 'type', params: { expected: type } };
    if (type === 'integer' && !Number.isInteger(n))
      return { reason: 'type', params: { expected: 'integer' } };
    return { value: n };
  }
  if (type === 'date') {
    const text = String(cell).trim();
    const iso = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(text);
    let date: string | null = iso ? iso[1]! : null;
    const dmy = DATE_DMY.exec(text);
    if (dmy) date = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
    if (!date) return { reason: 'format', params: { format: 'dd/mm/yyyy' } };
    const d = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date)
      return { reason: 'format', params: { format: 'dd/mm/yyyy' } };
    return { value: date };
  }
  if (type === 'boolean') {
    if (typeof cell === 'boolean') return { value: cell };
    const k = searchKey(String(cell));
    if (['1', 'x', 'co', 'yes', 'true', 'dung'].includes(k)) return { value: true };
    if (['0', 'khong', 'no', 'false', 'sai'].includes(k)) return { value: false };
    return { reason: 'not_allowed_value' };
  }
  const key = searchKey(String(cell));
  const code = type.enum.find(
    (e) => searchKey(e) === key || (type.labels[e] ?? []).some((l) => searchKey(l) === key),
  );
  return code ? { value: code } : { reason: 'not_allowed_value' };
}

const blank = (c: Cell | undefined) =>
  c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/** Maps the header row to fields, then every data row to a body; problems get the row and column. */
export function parseSheet(
  kind: ImportKind,
  rows: readonly Cell[][],
  limits: { maxRows?: number } = {},
): ParsedSheet {
  const specs = IMPORT_COLUMNS[kind];
  const issues: ImportIssue[] = [];
  const headerRow = rows[0] ?? [];
  const fieldAt = new Map<number, ColumnSpec>();
  const columnOf: Record<string, string> = {};
  headerRow.forEach((h, i) => {
    if (blank(h)) return;
    const key = searchKey(String(h));
    const spec = specs.find((s) => s.headers.some((x) => searchKey(x) === key) || searchKey(s.field) === key);
    const label = `${columnName(i)} (${String(h).trim()})`;
    if (!spec) {
      issues.push({ row: 1, column: label, field: '', reason: 'unknown_column' });
      return;
    }
    if (columnOf[spec.field]) {
      issues.push({ row: 1, column: label, field: spec.field, reason: 'duplicate_in_file' });
      return;
    }
    fieldAt.set(i, spec);
    columnOf[spec.field] = label;
  });
  for (const spec of specs)
    if (spec.required && !columnOf[spec.field])
      issues.push({
        row: 1,
        column: null,
        field: spec.field,
        reason: 'missing_column',
        params: { header: spec.headers[0] },
      });
  const out: ParsedSheet['rows'] = [];
  const dataRows = rows.slice(1);
  if (dataRows.every((r) => r.every(blank)))
    issues.push({ row: 2, column: null, field: '', reason: 'empty_file' });
  if (limits.maxRows !== undefined && dataRows.length > limits.maxRows) {
    issues.push({
      row: limits.maxRows + 2,
      column: null,
      field: '',
      reason: 'too_many_items',
      params: { limit: limits.maxRows },
    });
    return { rows: [], issues, columnOf };
  }
  dataRows.forEach((cells, index) => {
    if (cells.every(blank)) return;
    const rowNumber = index + 2;
    const values: Record<string, unknown> = {};
    for (const [i, spec] of fieldAt) {
      const cell = cells[i];
      if (blank(cell)) {
        if (spec.required)
          issues.push({
            row: rowNumber,
            column: columnOf[spec.field]!,
            field: spec.field,
            reason: 'required',
          });
        continue;
      }
      const parsed = parseValue(cell!, spec.type);
      if ('reason' in parsed)
        issues.push({
          row: rowNumber,
          column: columnOf[spec.field]!,
          field: spec.field,
          reason: parsed.reason,
          ...(parsed.params ? { params: parsed.params } : {}),
        });
      else values[spec.field] = parsed.value;
    }
    out.push({ row: rowNumber, values });
  });
  return { rows: out, issues, columnOf };
}

/** The header row of a blank template for a kind (Vietnamese headers). */
export function templateHeaders(kind: ImportKind): string[] {
  return IMPORT_COLUMNS[kind].map((c) => c.headers[0]!);
}
