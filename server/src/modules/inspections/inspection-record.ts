/**
 * The inspection record (biên bản kiểm tra) as a printable HTML document, in Vietnamese: facility, team,
 * checklist, findings with corrective actions and due dates, and space for signatures.
 */
import type { Inspection } from '@sievert/core';

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
const RESULT: Record<string, string> = { ok: 'Đạt', finding: 'Có kiến nghị', na: 'Không áp dụng' };
const FINDING_STATUS: Record<string, string> = {
  open: 'Chưa khắc phục',
  done: 'Cơ sở báo đã khắc phục',
  verified: 'Đã xác nhận khắc phục',
};
const vnDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '…/…/……');

export function inspectionRecordHtml(
  i: Inspection,
  context: { provinceName: string; authority: string; team: string[] },
): string {
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
<p class="center muted">Số ${esc(i.id)}/${esc(i.year)} – ${i.kind === 'unannounced' ? 'kiểm tra đột xuất' : i.kind === 'follow_up' ? 'kiểm tra lại' : 'kiểm tra theo kế hoạch'}</p>
<p>Ngày kiểm tra: <strong>${vnDate(i.conductedOn ?? i.plannedOn)}</strong></p>
<p>Cơ sở được kiểm tra: <strong>${esc(i.facilityName)}</strong></p>
<p>Đoàn kiểm tra: ${context.team.length ? context.team.map(esc).join('; ') : '…'}</p>
<h2>1. Nội dung kiểm tra</h2>
<table><thead><tr><th>#</th><th>Nội dung</th><th>Kết quả</th><th>Ghi chú</th></tr></thead><tbody>
${i.checklist.length ? i.checklist.map((c, n) => `<tr><td>${n + 1}</td><td>${esc(c.item)}</td><td>${esc(RESULT[c.result] ?? c.result)}</td><td>${esc(c.note)}</td></tr>`).join('\n') : '<tr><td colspan="4" class="muted">Chưa ghi nhận</td></tr>'}
</tbody></table>
<h2>2. Kiến nghị và yêu cầu khắc phục</h2>
<table><thead><tr><th>#</th><th>Tồn tại</th><th>Mức độ</th><th>Biện pháp khắc phục</th><th>Thời hạn</th><th>Tình trạng</th></tr></thead><tbody>
${i.findings.length ? i.findings.map((f, n) => `<tr><td>${n + 1}</td><td>${esc(f.description)}</td><td>${esc(SEVERITY[f.severity])}</td><td>${esc(f.correctiveAction)}</td><td>${vnDate(f.dueOn)}</td><td>${esc(FINDING_STATUS[f.status])}</td></tr>`).join('\n') : '<tr><td colspan="6" class="muted">Không có kiến nghị</td></tr>'}
</tbody></table>
<h2>3. Kết luận</h2>
<p>${esc(i.summary) || '…'}</p>
<div class="sign"><div><strong>ĐẠI DIỆN CƠ SỞ</strong><br><em>(Ký, ghi rõ họ tên)</em></div><div><strong>TRƯỞNG ĐOÀN KIỂM TRA</strong><br><em>(Ký, ghi rõ họ tên)</em></div></div>
</body></html>`;
}
