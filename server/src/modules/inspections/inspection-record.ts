/**
 * The inspection record (biên bản kiểm tra) in Vietnamese: facility, team, checklist, findings with corrective
 * actions and due dates, and space for signatures; as a Word document to edit and sign, or as printable HTML.
 */
import { administrativeHeading, para, writeDocx, type DocxBlock, type Inspection } from '@sievert/core';

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const SEVERITY: Record<string, string> = {
  low: 'Thấp',
  medium: 'Trung bình',
  high: 'Cao',
  critical: 'Nghiêm trọng',
};
const RESULT: Record<string, string> = { ok: 'Đạt', finding: 'Có phát hiện', na: 'Không áp dụng' };
const KIND: Record<string, string> = {
  planned: 'kiểm tra theo kế hoạch',
  unannounced: 'kiểm tra đột xuất',
  follow_up: 'kiểm tra việc khắc phục',
};

export interface RecordContext {
  provinceName: string;
  authority: string;
  team: string[];
}
const FINDING_STATUS: Record<string, string> = {
  open: 'Chưa khắc phục',
  done: 'Cơ sở báo đã khắc phục',
  verified: 'Đã xác nhận khắc phục',
};
const vnDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '…/…/……');

export function inspectionRecordHtml(i: Inspection, context: RecordContext): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Biên bản kiểm tra số ${esc(i.id)}/${esc(i.year)}</title>
<style>
body{font-family:"Times New Roman",serif;font-size:13pt;max-width:800px;margin:2rem auto;line-height:1.45;color:#111}
h1{text-align:center;font-size:15pt;margin:1.5rem 0 .25rem}
.center{text-align:center}.muted{color:#555}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}td,th{border:1px solid #444;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f0f0f0}.sign{display:flex;justify-content:space-between;margin-top:3rem;text-align:center}
@media print{body{margin:0}}
</style></head><body>
<div class="center"><strong>${esc(context.authority.toUpperCase())}</strong><br>${esc(context.provinceName)}</div>
<div class="center"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br>Độc lập - Tự do - Hạnh phúc</div>
<h1>BIÊN BẢN KIỂM TRA AN TOÀN BỨC XẠ</h1>
<p class="center muted">Số ${esc(i.id)}/${esc(i.year)} – ${esc(KIND[i.kind])}</p>
<p>Ngày kiểm tra: <strong>${vnDate(i.conductedOn ?? i.plannedOn)}</strong></p>
<p>Cơ sở được kiểm tra: <strong>${esc(i.facilityName)}</strong></p>
<p>Đoàn kiểm tra: ${context.team.length ? context.team.map(esc).join('; ') : '…'}</p>
<h2>1. Nội dung kiểm tra</h2>
<table><thead><tr><th>#</th><th>Nội dung</th><th>Kết quả</th><th>Ghi chú</th></tr></thead><tbody>
${i.checklist.length ? i.checklist.map((c, n) => `<tr><td>${n + 1}</td><td>${esc(c.item)}</td><td>${esc(RESULT[c.result] ?? c.result)}</td><td>${esc(c.note)}</td></tr>`).join('\n') : '<tr><td colspan="4" class="muted">Chưa ghi nhận</td></tr>'}
</tbody></table>
<h2>2. Phát hiện và yêu cầu khắc phục</h2>
<table><thead><tr><th>#</th><th>Tồn tại</th><th>Mức độ</th><th>Biện pháp khắc phục</th><th>Thời hạn</th><th>Tình trạng</th></tr></thead><tbody>
${i.findings.length ? i.findings.map((f, n) => `<tr><td>${n + 1}</td><td>${esc(f.description)}</td><td>${esc(SEVERITY[f.severity])}</td><td>${esc(f.correctiveAction)}</td><td>${vnDate(f.dueOn)}</td><td>${esc(FINDING_STATUS[f.status])}</td></tr>`).join('\n') : '<tr><td colspan="6" class="muted">Không có phát hiện</td></tr>'}
</tbody></table>
<h2>3. Kết luận</h2>
<p>${esc(i.summary) || '…'}</p>
<div class="sign"><div><strong>ĐẠI DIỆN CƠ SỞ</strong><br><em>(Ký, ghi rõ họ tên)</em></div><div><strong>TRƯỞNG ĐOÀN KIỂM TRA</strong><br><em>(Ký, ghi rõ họ tên)</em></div></div>
</body></html>`;
}

/** The same record as a Word document (A4, Times New Roman 13 pt, the margins of Decree 30/2020/NĐ-CP). */
export function inspectionRecordDocx(i: Inspection, context: RecordContext): Uint8Array {
  const heading = (text: string): DocxBlock =>
    para({ text, bold: true }, { keepNext: true, spacingAfter: 4 });
  const cell = (text: string | null | undefined) => text ?? '';
  const blocks: DocxBlock[] = [
    administrativeHeading({ superior: `UBND ${context.provinceName}`, issuer: context.authority }),
    para(
      { text: 'BIÊN BẢN KIỂM TRA AN TOÀN BỨC XẠ', bold: true, size: 14 },
      { align: 'center', spacingAfter: 2 },
    ),
    para({ text: `Số ${i.id}/${i.year} – ${KIND[i.kind] ?? i.kind}`, italic: true }, { align: 'center' }),
    para(['Ngày kiểm tra: ', { text: vnDate(i.conductedOn ?? i.plannedOn), bold: true }]),
    para(['Cơ sở được kiểm tra: ', { text: i.facilityName, bold: true }]),
    para(`Đoàn kiểm tra: ${context.team.length ? context.team.join('; ') : '…'}`),
    heading('1. Nội dung kiểm tra'),
    {
      type: 'table',
      header: true,
      widths: [10, 85, 30, 40],
      rows: [
        ['#', 'Nội dung', 'Kết quả', 'Ghi chú'],
        ...(i.checklist.length
          ? i.checklist.map((c, n) => [String(n + 1), c.item, RESULT[c.result] ?? c.result, cell(c.note)])
          : [[{ span: 4, blocks: [para({ text: 'Chưa ghi nhận', italic: true }, { spacingAfter: 0 })] }]]),
      ],
    },
    heading('2. Phát hiện và yêu cầu khắc phục'),
    {
      type: 'table',
      header: true,
      widths: [8, 50, 20, 42, 20, 25],
      rows: [
        ['#', 'Phát hiện', 'Mức độ', 'Biện pháp khắc phục', 'Thời hạn', 'Tình trạng'],
        ...(i.findings.length
          ? i.findings.map((f, n) => [
              String(n + 1),
              f.description,
              SEVERITY[f.severity] ?? f.severity,
              cell(f.correctiveAction),
              vnDate(f.dueOn),
              FINDING_STATUS[f.status] ?? f.status,
            ])
          : [
              [
                {
                  span: 6,
                  blocks: [para({ text: 'Không có phát hiện', italic: true }, { spacingAfter: 0 })],
                },
              ],
            ]),
      ],
    },
    heading('3. Kết luận'),
    para(i.summary || '…', { align: 'both' }),
    para('Biên bản được lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản.', { spacingAfter: 18 }),
    {
      type: 'table',
      borders: false,
      widths: [82, 83],
      rows: [
        [
          {
            blocks: [
              para({ text: 'ĐẠI DIỆN CƠ SỞ', bold: true }, { align: 'center', spacingAfter: 0 }),
              para({ text: '(Ký, ghi rõ họ tên)', italic: true }, { align: 'center' }),
            ],
          },
          {
            blocks: [
              para({ text: 'TRƯỞNG ĐOÀN KIỂM TRA', bold: true }, { align: 'center', spacingAfter: 0 }),
              para({ text: '(Ký, ghi rõ họ tên)', italic: true }, { align: 'center' }),
            ],
          },
        ],
      ],
    },
  ];
  return writeDocx({ title: `Biên bản kiểm tra số ${i.id}/${i.year}`, blocks });
}
