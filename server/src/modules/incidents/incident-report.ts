/**
 * The incident report as a Word document in the layout of Vietnamese administrative documents (Decree
 * 30/2020/NĐ-CP, Appendix I): the heading (issuing body, number, national motto, place and date), the title
 * "BÁO CÁO / Về sự cố …", the body (what happened, when and where, the assessment, the response, statutory
 * notices, protective measures, the present state or the final report; for an exercise its timings), the
 * recipients ("Nơi nhận") and the signature block. Vietnamese; times in the province's time zone. Pure: the
 * service gathers what it needs (incident-documents.ts).
 */
import {
  administrativeHeading,
  exerciseLabelled,
  para,
  writeDocx,
  type Clock,
  type DocxBlock,
  type DocxParagraph,
  type DocxTable,
  type ExerciseReport,
  type Incident,
  type TimelineEntry,
} from '@sievert/core';
import { viDateTime, viDuration, viNumber } from '../emergency/run-summary.js';
import {
  ADDRESSEE_VI,
  AGENCY_VI,
  decisionText,
  incidentKindVi,
  INES_NAMES_VI,
  legalBasis,
  MILESTONE_VI,
  ORIGIN_NAMES_VI,
  SEVERITY_NAMES_VI,
  STATE_NAMES_VI,
  TASK_STATUS_VI,
  viElapsed,
  viLatLon,
} from './incident-words.js';

// ---------- times and places ----------

/** Local calendar date of an instant in the province: [day, month, year]. */
function localDate(at: Date, timeZone: string): [number, number, number] {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return [Number(parts.day), Number(parts.month), Number(parts.year)];
}

/**
 * `ngày 05 tháng 02 năm 2026`: Decree 30 (Appendix I, item 4) writes a day below 10 and the months January and
 * February with a leading zero, and the other months without.
 */
export function viDocumentDate(at: Date, timeZone: string): string {
  const [day, month, year] = localDate(at, timeZone);
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month <= 2 ? `0${month}` : String(month);
  return `ngày ${dd} tháng ${mm} năm ${year}`;
}

/** The place name of the heading: the province's name without `Tỉnh` / `Thành phố`. */
export function placeName(provinceName: string): string {
  return provinceName.replace(/^(tỉnh|thành phố)\s+/i, '').trim();
}

// ---------- the document ----------

export interface IncidentReportInput {
  incident: Incident;
  timeline: readonly TimelineEntry[];
  /** Dispersion runs started for the incident, oldest first. */
  runs: ReadonlyArray<{ id: number; title: string | null; createdAt: string }>;
  /** The incident's commune (`name`: `Phố Hiến`; `fullName`: `Phường Phố Hiến`), or null. */
  commune: { name: string; fullName: string } | null;
  /** The exercise timings, for an exercise. */
  exerciseReport: ExerciseReport | null;
  /** The province as its data names it (`Tỉnh …`). */
  provinceName: string;
  /** The issuing body: `Sở Khoa học và Công nghệ`. */
  authority: string;
  timeZone: string;
  /** When the document is made (its date). */
  now: Date;
}

const heading = (text: string): DocxParagraph =>
  para({ text, bold: true }, { keepNext: true, spacingAfter: 4 });
const subheading = (text: string): DocxParagraph =>
  para({ text, bold: true, italic: true }, { keepNext: true, spacingAfter: 2 });
const line = (name: string, value: string): DocxParagraph => para([`${name}: `, { text: value, bold: true }]);
const text = (value: string): DocxParagraph => para(value, { align: 'both', indentFirst: 10 });
const italic = (value: string): DocxParagraph => para({ text: value, italic: true });

/** A free text as paragraphs (one per line of the text). */
function paragraphs(value: string): DocxParagraph[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map(text);
}

function whatHappened(r: IncidentReportInput): DocxBlock[] {
  const { incident } = r;
  return [
    heading('1. Sự việc'),
    line('Số sự cố', incident.number),
    line('Loại sự cố', incidentKindVi(incident.kind)),
    line('Tiêu đề', incident.title),
    line('Nguồn tin', ORIGIN_NAMES_VI[incident.origin]),
    ...(incident.organisationName ? [line('Tổ chức báo cáo', incident.organisationName)] : []),
    ...(incident.links.facility ? [line('Cơ sở bức xạ', incident.links.facility.name)] : []),
    ...(incident.links.source ? [line('Nguồn phóng xạ', incident.links.source.label)] : []),
    ...(incident.links.alarm
      ? [
          line(
            'Cảnh báo quan trắc',
            `#${incident.links.alarm.id}${incident.links.alarm.stationCode ? `, trạm ${incident.links.alarm.stationCode}` : ''}`,
          ),
        ]
      : []),
    para('Diễn biến ban đầu:', { keepNext: true }),
    ...(paragraphs(incident.description).length > 0
      ? paragraphs(incident.description)
      : [italic('Không có mô tả.')]),
  ];
}

function whenAndWhere(r: IncidentReportInput): DocxBlock[] {
  const { incident, timeZone } = r;
  return [
    heading('2. Thời gian, địa điểm'),
    line('Thời điểm phát hiện', viDateTime(incident.discoveredAt, timeZone)),
    line('Thời điểm báo cáo', viDateTime(incident.reportedAt, timeZone)),
    line('Xã, phường', r.commune?.fullName ?? incident.communeCode ?? 'không rõ'),
    line('Tọa độ', viLatLon(incident.lat, incident.lon)),
  ];
}

function assessment(r: IncidentReportInput): DocxBlock[] {
  const { incident } = r;
  if (incident.severity === null)
    return [heading('3. Đánh giá'), italic('Sự cố chưa được đánh giá mức độ nghiêm trọng.')];
  return [
    heading('3. Đánh giá'),
    line('Mức độ nghiêm trọng', SEVERITY_NAMES_VI[incident.severity]),
    line(
      'Cấp INES',
      incident.ines === null
        ? 'không áp dụng hoặc chưa xếp cấp'
        : `${incident.ines} (${INES_NAMES_VI[incident.ines] ?? ''})`,
    ),
    para('Căn cứ đánh giá:', { keepNext: true }),
    ...(incident.assessmentReasons && paragraphs(incident.assessmentReasons).length > 0
      ? paragraphs(incident.assessmentReasons)
      : [italic('Không nêu.')]),
  ];
}

function tasksTable(r: IncidentReportInput): DocxTable {
  const { incident, timeZone } = r;
  return {
    type: 'table',
    header: true,
    widths: [10, 50, 45, 30, 30],
    rows: [
      ['TT', 'Nhiệm vụ', 'Lực lượng, đơn vị', 'Thời hạn', 'Trạng thái'],
      ...incident.tasks.map((t, i) => [
        String(i + 1),
        t.title,
        [t.agencyKind ? AGENCY_VI[t.agencyKind] : null, t.assigneeOrganisationName, t.ownerName]
          .filter((x): x is string => !!x)
          .join('; ') || '—',
        t.dueAt ? viDateTime(t.dueAt, timeZone) : '—',
        t.acknowledgedAt
          ? `${TASK_STATUS_VI[t.status]} (xác nhận ${viDateTime(t.acknowledgedAt, timeZone)})`
          : TASK_STATUS_VI[t.status],
      ]),
    ],
  };
}

function response(r: IncidentReportInput): DocxBlock[] {
  const { incident, timeZone } = r;
  const decisions = r.timeline.filter((e) => e.kind === 'decision');
  return [
    heading('4. Tổ chức ứng phó'),
    subheading('4.1. Chỉ huy ứng phó'),
    para(incident.commanderName ?? 'Chưa cử người chỉ huy.'),
    subheading('4.2. Nhiệm vụ đã giao'),
    ...(incident.tasks.length === 0 ? [italic('Chưa giao nhiệm vụ nào.')] : [tasksTable(r)]),
    subheading('4.3. Các quyết định'),
    ...(decisions.length === 0
      ? [italic('Chưa ghi nhận quyết định nào.')]
      : decisions.map((d) =>
          para(
            [
              { text: `${viDateTime(d.at, timeZone)}: `, bold: true },
              decisionText(d.text, d.data),
              ...(d.userName ? [{ text: ` (${d.userName})`, italic: true }] : []),
            ],
            { align: 'both', spacingAfter: 2 },
          ),
        )),
  ];
}

/** Whether a statutory deadline was met on time, late, or is still open. */
function clockOutcome(clock: Clock, timeZone: string, now: Date): string {
  const due = Date.parse(clock.dueAt);
  if (clock.metAt) {
    const late = Date.parse(clock.metAt) - due;
    return late <= 0
      ? `Đã thực hiện đúng hạn (${viDateTime(clock.metAt, timeZone)})`
      : `Đã thực hiện, trễ hạn ${viDuration(late / 1000)} (${viDateTime(clock.metAt, timeZone)})`;
  }
  const left = due - now.getTime();
  return left < 0
    ? `Chưa thực hiện, đã quá hạn ${viDuration(-left / 1000)}`
    : 'Chưa thực hiện, còn trong hạn';
}

function notices(r: IncidentReportInput): DocxBlock[] {
  const { incident, timeZone, now } = r;
  if (incident.clocks.length === 0)
    return [
      heading('5. Thông báo, báo cáo theo quy định'),
      italic('Loại sự cố này không có thời hạn thông báo, báo cáo theo quy định.'),
    ];
  return [
    heading('5. Thông báo, báo cáo theo quy định'),
    {
      type: 'table',
      header: true,
      widths: [50, 35, 35, 45],
      rows: [
        ['Nghĩa vụ', 'Gửi tới', 'Hạn', 'Kết quả'],
        ...incident.clocks.map((c) => [
          {
            blocks: [
              para(c.obligation.vi, { spacingAfter: 0 }),
              para({ text: legalBasis(c), italic: true, size: 11 }, { spacingAfter: 0 }),
            ],
          },
          c.addressees.map((a) => ADDRESSEE_VI[a] ?? a).join('; ') || '—',
          viDateTime(c.dueAt, timeZone),
          clockOutcome(c, timeZone, now),
        ]),
      ],
    },
  ];
}

function protectiveMeasures(r: IncidentReportInput): DocxBlock[] {
  const { incident, timeZone } = r;
  const approved = incident.notices.filter((n) => n.state === 'approved' && n.approvedAt);
  const cordon = incident.cordon;
  return [
    heading('6. Biện pháp bảo vệ'),
    line(
      'Vành đai cách ly',
      cordon
        ? `bán kính ${viNumber(cordon.radiusM, 0)} m, tâm ${viLatLon(cordon.lat, cordon.lon)}, thiết lập ${viDateTime(cordon.setAt, timeZone)}${cordon.setBy ? ` (${cordon.setBy})` : ''}`
        : 'chưa thiết lập',
    ),
    para('Tính toán phát tán phóng xạ:', { keepNext: true }),
    ...(r.runs.length === 0
      ? [italic('Không có lần tính nào.')]
      : r.runs.map((run) =>
          para(
            `– Lần tính số ${run.id}${run.title ? `: ${run.title}` : ''} (${viDateTime(run.createdAt, timeZone)})`,
            { spacingAfter: 2 },
          ),
        )),
    para('Thông báo công chúng đã duyệt:', { keepNext: true }),
    ...(approved.length === 0
      ? [italic('Chưa có thông báo nào được duyệt.')]
      : approved.map((n) =>
          para(`– ${n.title} (duyệt ${viDateTime(n.approvedAt!, timeZone)})`, { spacingAfter: 2 }),
        )),
  ];
}

function currentState(r: IncidentReportInput): DocxBlock[] {
  const { incident, timeZone } = r;
  if (incident.state === 'closed') {
    const closing = incident.finalReport ?? incident.closingReason;
    return [
      heading('7. Kết quả xử lý'),
      line(
        'Trạng thái',
        `${STATE_NAMES_VI.closed}${incident.closedAt ? ` (${viDateTime(incident.closedAt, timeZone)})` : ''}`,
      ),
      para(incident.finalReport ? 'Báo cáo kết thúc:' : 'Lý do kết thúc:', { keepNext: true }),
      ...(closing && paragraphs(closing).length > 0 ? paragraphs(closing) : [italic('Không nêu.')]),
    ];
  }
  const open = incident.tasks.filter((t) => t.status !== 'done' && t.status !== 'cancelled').length;
  return [
    heading('7. Tình hình hiện tại'),
    line('Trạng thái', STATE_NAMES_VI[incident.state]),
    para(
      open === 0
        ? 'Không còn nhiệm vụ nào đang thực hiện.'
        : `Còn ${open} nhiệm vụ chưa hoàn thành. ${r.authority} tiếp tục theo dõi và sẽ báo cáo kết quả xử lý.`,
      { align: 'both' },
    ),
  ];
}

function exerciseResults(report: ExerciseReport, timeZone: string): DocxBlock[] {
  const start = Date.parse(report.startedAt);
  const row = (name: string, seconds: number | null): string[] => [
    name,
    seconds === null ? 'Chưa thực hiện' : viElapsed(seconds),
    seconds === null ? '—' : viDateTime(new Date(start + seconds * 1000).toISOString(), timeZone),
  ];
  return [
    heading('8. Kết quả diễn tập'),
    para(`Thời gian tính từ lúc tiếp nhận sự cố (${viDateTime(report.startedAt, timeZone)}).`),
    {
      type: 'table',
      header: true,
      widths: [70, 45, 50],
      rows: [
        ['Chỉ số', 'Sau', 'Thời điểm'],
        row('Xác nhận nhiệm vụ đầu tiên', report.toAcknowledgeS),
        row('Quyết định đầu tiên', report.toFirstDecisionS),
        row('Thiết lập vành đai cách ly', report.toCordonS),
        row('Thông báo công chúng đầu tiên được duyệt', report.toPublicNoticeS),
      ],
    },
    ...(report.details.length > 0
      ? [
          para('Các bước ứng phó theo thời gian:', { keepNext: true }),
          ...report.details.map((d) =>
            para(`– Sau ${viElapsed(d.afterS)}: ${MILESTONE_VI[d.event]} — ${d.text}`, { spacingAfter: 2 }),
          ),
        ]
      : []),
  ];
}

/** "Nơi nhận" on the left and the signature on the right, as Decree 30 places them (a borderless table). */
function closingBlock(r: IncidentReportInput): DocxTable {
  const small = (value: string) => para({ text: value, size: 11 }, { spacingAfter: 0 });
  const recipients = [
    '- Cục An toàn bức xạ và hạt nhân (để báo cáo);',
    '- UBND tỉnh (để báo cáo);',
    '- Công an tỉnh;',
    ...(r.commune ? [`- UBND ${lowerFirst(r.commune.fullName)};`] : []),
    ...(r.incident.links.facility ? [`- ${r.incident.links.facility.name};`] : []),
    '- Lưu: VT.',
  ];
  const centred = { align: 'center' as const, spacingAfter: 0 };
  return {
    type: 'table',
    borders: false,
    widths: [80, 85],
    rows: [
      [
        {
          blocks: [
            para({ text: 'Nơi nhận:', bold: true, italic: true, size: 12 }, { spacingAfter: 0 }),
            ...recipients.map(small),
          ],
        },
        {
          blocks: [
            para({ text: 'GIÁM ĐỐC', bold: true }, centred),
            para({ text: '(Ký, ghi rõ họ tên)', italic: true }, { ...centred, spacingAfter: 60 }),
          ],
        },
      ],
    ],
  };
}

const lowerFirst = (value: string) => value.charAt(0).toLowerCase() + value.slice(1);

/** The Word document (A4, Times New Roman 13 pt, the margins of Decree 30/2020/NĐ-CP). */
export function incidentReportDocx(r: IncidentReportInput): Uint8Array {
  const { incident } = r;
  const exercise = incident.exercise;
  const subject = exerciseLabelled(`Về sự cố số ${incident.number}: ${incident.title}`, exercise, 'vi');
  const blocks: DocxBlock[] = [
    ...(exercise
      ? [
          para(
            { text: 'DIỄN TẬP — KHÔNG PHẢI SỰ CỐ THẬT', bold: true, size: 14 },
            { align: 'center', spacingAfter: 4 },
          ),
        ]
      : []),
    administrativeHeading({
      superior: `UBND ${r.provinceName}`,
      issuer: r.authority,
      number: `${incident.number.split('/')[0]}/BC-SKHCN`,
      placeAndDate: `${placeName(r.provinceName)}, ${viDocumentDate(r.now, r.timeZone)}`,
    }),
    para(
      { text: exercise ? 'BÁO CÁO DIỄN TẬP' : 'BÁO CÁO', bold: true, size: 14 },
      { align: 'center', spacingAfter: 0 },
    ),
    para({ text: subject, bold: true }, { align: 'center', spacingAfter: 12 }),
    ...whatHappened(r),
    ...whenAndWhere(r),
    ...assessment(r),
    ...response(r),
    ...notices(r),
    ...protectiveMeasures(r),
    ...currentState(r),
    ...(exercise && r.exerciseReport ? exerciseResults(r.exerciseReport, r.timeZone) : []),
    closingBlock(r),
  ];
  return writeDocx({ title: exerciseLabelled(`Báo cáo sự cố ${incident.number}`, exercise, 'vi'), blocks });
}
