/**
 * XLSX and CSV export of the registry lists, with the caller's filters and within the caller's scope and
 * need-to-know (withheld values stay empty).
 */
import {
  type ApplicationListQuery,
  type InspectionListQuery,
  writeCsv,
  writeXlsx,
  type Cell,
  type DeviceListQuery,
  type FacilityListQuery,
  type LicenceListQuery,
  type Locale,
  type SourceListQuery,
} from '@sievert/core';
import type { Actor } from '../auth/actor.js';
import type { InspectionService } from '../inspections/inspection.service.js';
import type { ApplicationService } from '../licensing/application.service.js';
import type { LicenceService } from '../licensing/licence.service.js';
import type { DeviceService } from './device.service.js';
import type { FacilityService } from './facility.service.js';
import type { SourceService } from './source.service.js';

export const EXPORT_KINDS = [
  'facilities',
  'sources',
  'devices',
  'licences',
  'applications',
  'inspections',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
const ALL = 1_000_000;

type Column<T> = [vi: string, en: string, value: (item: T) => Cell | undefined];

export class ExportService {
  constructor(
    private readonly facilities: FacilityService,
    private readonly sources: SourceService,
    private readonly devices: DeviceService,
    private readonly licences: LicenceService,
    private readonly applications: ApplicationService,
    private readonly inspections: InspectionService,
  ) {}

  async table(
    actor: Actor,
    kind: ExportKind,
    filters: Record<string, unknown>,
    locale: Locale,
  ): Promise<{ name: string; rows: Cell[][] }> {
    const pick = <T>(columns: Column<T>[], items: T[]) => [
      columns.map((c) => (locale === 'vi' ? c[0] : c[1])),
      ...items.map((item) => columns.map((c) => c[2](item) ?? null)),
    ];
    switch (kind) {
      case 'facilities': {
        const page = await this.facilities.list(actor, {
          ...(filters as FacilityListQuery),
          limit: ALL,
          offset: 0,
        });
        return {
          name: locale === 'vi' ? 'Cơ sở bức xạ' : 'Facilities',
          rows: pick<(typeof page.items)[number]>(
            [
              ['Mã cơ sở', 'Code', (f) => f.code],
              ['Tên cơ sở', 'Name', (f) => f.name],
              ['Loại cơ sở', 'Kind', (f) => f.kind],
              ['Mã số thuế', 'Tax code', (f) => f.taxCode],
              ['Mã xã', 'Commune code', (f) => f.communeCode],
              ['Địa chỉ', 'Address', (f) => f.address],
              ['Vĩ độ', 'Latitude', (f) => f.lat],
              ['Kinh độ', 'Longitude', (f) => f.lon],
              ['Điện thoại', 'Phone', (f) => f.phone],
              ['Email', 'Email', (f) => f.email],
              ['Người phụ trách an toàn', 'Radiation safety officer', (f) => f.rsoName],
              ['Số chứng chỉ', 'Certificate number', (f) => f.rsoCertificateNumber],
              ['Hạn chứng chỉ', 'Certificate expiry', (f) => f.rsoCertificateExpiry],
              ['Số nguồn', 'Sources', (f) => f.sourceCount],
              ['Trạng thái', 'Status', (f) => f.status],
            ],
            page.items,
          ),
        };
      }
      case 'sources': {
        const page = await this.sources.list(actor, {
          ...(filters as SourceListQuery),
          limit: ALL,
          offset: 0,
        });
        return {
          name: locale === 'vi' ? 'Nguồn phóng xạ' : 'Sources',
          rows: pick<(typeof page.items)[number]>(
            [
              ['Cơ sở', 'Facility', (s) => s.facilityName],
              ['Đồng vị', 'Nuclide', (s) => s.nuclide],
              ['Số sê-ri', 'Serial', (s) => s.serial],
              ['Nhà sản xuất', 'Manufacturer', (s) => s.manufacturer],
              ['Model', 'Model', (s) => s.model],
              ['Hoạt độ ban đầu (Bq)', 'Reference activity (Bq)', (s) => s.referenceActivityBq],
              ['Ngày xác định hoạt độ', 'Reference date', (s) => s.referenceDate],
              ['Hoạt độ hiện tại (Bq)', 'Current activity (Bq)', (s) => s.currentActivityBq],
              ['A/D', 'A/D', (s) => s.aOverD],
              ['Nhóm (IAEA)', 'Category (IAEA)', (s) => s.category],
              ['Mục đích sử dụng', 'Use', (s) => s.use],
              ['Vị trí', 'Location', (s) => s.location],
              ['Trạng thái', 'Status', (s) => s.status],
              ['Có giấy phép', 'Licensed', (s) => s.licensed],
              ['Thông tin hạn chế', 'Restricted', (s) => s.restricted],
            ],
            page.items,
          ),
        };
      }
      case 'devices': {
        const page = await this.devices.list(actor, {
          ...(filters as DeviceListQuery),
          limit: ALL,
          offset: 0,
        });
        return {
          name: locale === 'vi' ? 'Thiết bị bức xạ' : 'Devices',
          rows: pick<(typeof page.items)[number]>(
            [
              ['Cơ sở', 'Facility', (d) => d.facilityName],
              ['Loại thiết bị', 'Type', (d) => d.type],
              ['Hãng sản xuất', 'Maker', (d) => d.maker],
              ['Model', 'Model', (d) => d.model],
              ['Số sê-ri', 'Serial', (d) => d.serial],
              ['Năm sản xuất', 'Year', (d) => d.yearMade],
              ['Kỹ thuật số', 'Digital', (d) => d.digital],
              ['Vị trí', 'Location', (d) => d.location],
              ['Tình trạng', 'Status', (d) => d.status],
              ['Hạn kiểm định', 'QA due', (d) => d.qaDue],
              ['Quá hạn kiểm định', 'QA overdue', (d) => d.qaOverdue],
              ['Có giấy phép', 'Licensed', (d) => d.licensed],
            ],
            page.items,
          ),
        };
      }
      case 'licences': {
        const page = await this.licences.list(actor, {
          ...(filters as LicenceListQuery),
          limit: ALL,
          offset: 0,
        });
        return {
          name: locale === 'vi' ? 'Giấy phép' : 'Licences',
          rows: pick<(typeof page.items)[number]>(
            [
              ['Số giấy phép', 'Number', (l) => l.number],
              ['Loại', 'Kind', (l) => l.kind],
              ['Cơ sở', 'Facility', (l) => l.facilityName],
              ['Cơ quan cấp', 'Authority', (l) => l.competentAuthority],
              ['Ngày cấp', 'Issued on', (l) => l.issuedOn],
              ['Hiệu lực đến', 'Valid until', (l) => l.validUntil],
              ['Tình trạng', 'Status', (l) => l.status],
              ['Số ngày còn lại', 'Days to expiry', (l) => l.daysToExpiry],
            ],
            page.items,
          ),
        };
      }
      case 'applications': {
        const page = await this.applications.list(actor, {
          ...(filters as ApplicationListQuery),
          limit: ALL,
          offset: 0,
        });
        return {
          name: locale === 'vi' ? 'Hồ sơ cấp phép' : 'Applications',
          rows: pick<(typeof page.items)[number]>(
            [
              ['Số hồ sơ', 'Number', (a) => a.id],
              ['Cơ sở', 'Facility', (a) => a.facilityName],
              ['Thủ tục', 'Procedure', (a) => a.procedure],
              ['Trạng thái', 'Status', (a) => a.status],
              ['Ngày tiếp nhận', 'Received on', (a) => a.receivedOn],
              ['Hạn giải quyết', 'Due on', (a) => a.dueOn],
              ['Số ngày làm việc còn lại', 'Working days left', (a) => a.workingDaysLeft],
              ['Cập nhật lúc', 'Updated at', (a) => a.updatedAt],
            ],
            page.items,
          ),
        };
      }
      case 'inspections': {
        const page = await this.inspections.list(actor, {
          ...(filters as InspectionListQuery),
          limit: ALL,
          offset: 0,
        });
        return {
          name: locale === 'vi' ? 'Kiểm tra, thanh tra' : 'Inspections',
          rows: pick<(typeof page.items)[number]>(
            [
              ['Năm', 'Year', (i) => i.year],
              ['Cơ sở', 'Facility', (i) => i.facilityName],
              ['Hình thức', 'Kind', (i) => i.kind],
              ['Ngày dự kiến', 'Planned on', (i) => i.plannedOn],
              ['Ngày tiến hành', 'Conducted on', (i) => i.conductedOn],
              ['Trạng thái', 'Status', (i) => i.status],
              ['Số phát hiện', 'Findings', (i) => i.findings.length],
              ['Phát hiện chưa khắc phục', 'Open findings', (i) => i.openFindings],
              ['Kết luận', 'Summary', (i) => i.summary],
            ],
            page.items,
          ),
        };
      }
    }
  }

  async file(
    actor: Actor,
    kind: ExportKind,
    filters: Record<string, unknown>,
    format: 'xlsx' | 'csv',
    locale: Locale,
  ): Promise<{ body: Buffer; contentType: string; filename: string }> {
    const { name, rows } = await this.table(actor, kind, filters, locale);
    const date = new Date().toISOString().slice(0, 10);
    if (format === 'csv') {
      // A byte-order mark so that spreadsheet programs read the Vietnamese text as UTF-8.
      return {
        body: Buffer.from(`\uFEFF${writeCsv(rows)}`, 'utf8'),
        contentType: 'text/csv; charset=utf-8',
        filename: `sievert-${kind}-${date}.csv`,
      };
    }
    return {
      body: Buffer.from(writeXlsx([{ name, rows, header: true }])),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      filename: `sievert-${kind}-${date}.xlsx`,
    };
  }
}
