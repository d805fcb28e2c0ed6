/**
 * The sealed-source ledger as a state machine: which transaction may follow which status, and the status after it.
 * A source's status is never edited; it is derived from the transactions recorded (append-only).
 */

export const FACILITY_KINDS = [
  'hospital',
  'clinic',
  'industrial',
  'ndt_service',
  'research',
  'education',
  'other',
] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export const SOURCE_USES = [
  'gauge',
  'ndt',
  'teletherapy',
  'brachytherapy',
  'irradiator',
  'calibration',
  'well_logging',
  'research',
  'nuclear_medicine',
  'other',
] as const;
export type SourceUse = (typeof SOURCE_USES)[number];

export const SOURCE_STATUSES = [
  'in_use',
  'stored',
  'disused',
  'returned',
  'transferred_out',
  'lost_stolen',
  'found',
  'in_waste',
] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

export const TRANSACTION_TYPES = [
  'receipt',
  'import',
  'transfer_in',
  'install',
  'store',
  'move',
  'disuse',
  'transfer_out',
  'export',
  'return_to_supplier',
  'to_waste',
  'loss_theft',
  'found',
] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

/** Statuses in which the holder still has the source on site. */
const ON_SITE: readonly SourceStatus[] = ['in_use', 'stored', 'disused', 'found'];

/** For each transaction: the statuses it may follow (`null` = a new source), and the status it leads to. */
const RULES: Record<
  TransactionType,
  { from: ReadonlyArray<SourceStatus | null>; to: SourceStatus | 'same' }
> = {
  receipt: { from: [null], to: 'stored' },
  import: { from: [null], to: 'stored' },
  transfer_in: { from: [null, 'transferred_out'], to: 'stored' },
  install: { from: ['stored', 'found', 'disused'], to: 'in_use' },
  store: { from: ['in_use', 'found'], to: 'stored' },
  move: { from: ['in_use', 'stored', 'disused'], to: 'same' },
  disuse: { from: ['in_use', 'stored', 'found'], to: 'disused' },
  transfer_out: { from: ON_SITE, to: 'transferred_out' },
  export: { from: ON_SITE, to: 'transferred_out' },
  return_to_supplier: { from: ON_SITE, to: 'returned' },
  to_waste: { from: ['stored', 'disused', 'found'], to: 'in_waste' },
  loss_theft: { from: ON_SITE, to: 'lost_stolen' },
  found: { from: ['lost_stolen'], to: 'found' },
};

/** The status after `type` when the source is in `current` (null for a new source), or null if not allowed. */
export function statusAfter(current: SourceStatus | null, type: TransactionType): SourceStatus | null {
  const rule = RULES[type];
  if (!rule.from.includes(current)) return null;
  return rule.to === 'same' ? current : rule.to;
}

/** Transactions that may be recorded next, for forms. */
export function allowedTransactions(current: SourceStatus | null): TransactionType[] {
  return TRANSACTION_TYPES.filter((t) => statusAfter(current, t) !== null);
}

/** Replays a ledger from the start; throws on the first transaction that does not fit. */
export function replayLedger(types: readonly TransactionType[]): SourceStatus {
  let status: SourceStatus | null = null;
  types.forEach((type, index) => {
    const next = statusAfter(status, type);
    if (next === null) throw new Error(`transaction ${index} (${type}) cannot follow ${status ?? 'nothing'}`);
    status = next;
  });
  if (status === null) throw new Error('empty ledger');
  return status;
}

/** Radiation devices (and MRI, which is not ionising but counts towards the plan's targets). */
export const DEVICE_TYPES = [
  'xray_general',
  'xray_dental',
  'mammography',
  'fluoroscopy',
  'dsa',
  'ct',
  'bone_densitometry',
  'xray_mobile',
  'xray_industrial',
  'xray_security',
  'linac',
  'spect',
  'spect_ct',
  'pet_ct',
  'pet_mri',
  'mri',
  'irradiator',
  'other',
] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const DEVICE_STATUSES = ['in_use', 'stored', 'retired'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export const QA_RESULTS = ['pass', 'conditional', 'fail'] as const;
export type QaResult = (typeof QA_RESULTS)[number];
