import type { isotopes as vi } from './isotopes.vi';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English messages of the river stable-isotope pages: the same keys as isotopes.vi.ts. */
export const isotopes: Widen<typeof vi> = {
  nav: 'River stable isotopes',
  title: 'River stable isotopes',
  tabs: {
    samples: 'Samples and results',
    analysis: 'Analysis by river',
    import: 'Import from a file',
  },
  subtitles: {
    samples:
      "δ¹⁸O, δ²H and tritium results of water samples taken at points on the province's large rivers, with their deuterium excess and anomaly flags.",
    analysis:
      "Each river's δ²H–δ¹⁸O plot against the Global Meteoric Water Line (GMWL), the river's own regression line, and δ¹⁸O and deuterium excess over time.",
    import: "Import a laboratory's results from an Excel (.xlsx) or CSV file.",
  },
  fields: {
    station: 'Sampling point',
    river: 'River',
    sampleCode: 'Sample code',
    sampledAt: 'Sampling date',
    d18o: 'δ¹⁸O (‰)',
    d18oUnc: 'δ¹⁸O uncertainty (‰)',
    d2h: 'δ²H (‰)',
    d2hUnc: 'δ²H uncertainty (‰)',
    tritiumTu: 'Tritium (TU)',
    tritiumUnc: 'Tritium uncertainty (TU)',
    lab: 'Laboratory',
    method: 'Method',
    note: 'Note',
    dExcess: 'Deuterium excess d (‰)',
    dExcessShort: 'd-excess (‰)',
    flags: 'Flags',
  },
  units: {
    vsmow: '‰ vs VSMOW',
  },
  filters: {
    allRivers: 'All rivers',
    allPoints: 'All sampling points',
    flaggedOnly: 'Anomalous samples only',
    search: 'Search by sample or point code',
  },
  list: {
    empty: "No samples yet. Import a laboratory's result file or add samples one by one.",
    create: 'Add sample',
    edit: 'Edit',
    delete: 'Delete',
    deleteTitle: 'Delete sample {{code}}?',
    deleteText: 'The sample and its results will be deleted; the deletion is recorded in the audit log.',
    deleted: 'Sample {{code}} deleted.',
    created: 'Sample {{code}} added.',
    saved: 'Sample {{code}} saved.',
    noRiver: 'No river set',
    openAnalysis: "Open the river's analysis",
    sample: 'Sample, sampling date',
  },
  flags: {
    d18o_out_of_range: 'δ¹⁸O outside the plausible range',
    d2h_out_of_range: 'δ²H outside the plausible range',
    tritium_out_of_range: 'Tritium outside the plausible range',
    uncertainty_high: 'Large uncertainty',
    d_excess_outlier: 'Unusual deuterium excess',
    line_residual_outlier: "Off the river's line",
  },
  flagHints: {
    d18o_out_of_range: "δ¹⁸O is outside the usual range of the province's river water; check the value.",
    d2h_out_of_range: "δ²H is outside the usual range of the province's river water; check the value.",
    tritium_out_of_range:
      'Tritium is unusually high for present-day river water (a few TU); consider an artificial tritium source.',
    uncertainty_high: "The laboratory's stated uncertainty is larger than allowed.",
    d_excess_outlier:
      "The deuterium excess is far from the river's other samples (robust z-score beyond the limit): evaporation, seawater intrusion or a typing error.",
    line_residual_outlier:
      "The sample lies far from the river's own δ²H–δ¹⁸O regression line (robust z-score beyond the limit).",
  },
  form: {
    createTitle: 'Add a river water sample',
    editTitle: 'Edit sample {{code}}',
    stationHint: 'Only stations of the kind “river water sampling point”.',
    sampledAtHint: 'The day the sample was taken, Vietnam time.',
    valuesHint: 'Enter at least one result: δ¹⁸O, δ²H or tritium. δ values in ‰ vs VSMOW.',
    sampleCodeFormat:
      'A sample code starts with a letter or digit and uses only letters, digits, spaces and . _ / # ( ) -',
    needValue: 'At least one measured value is needed.',
  },
  analysis: {
    chooseRiver: 'Choose a river',
    noRivers: 'No river has been set for the river sampling points yet.',
    noSamples: 'This river has no samples yet.',
    points: 'Sampling points',
    samples: 'Samples',
    paired: 'Samples with both δ¹⁸O and δ²H',
    line: "The river's line",
    noLine: 'Not enough samples (at least 3 with both δ¹⁸O and δ²H are needed)',
    r2: 'Coefficient of determination R²',
    meanDExcess: 'Mean deuterium excess',
    meanD18o: 'Mean δ¹⁸O',
    meanTritium: 'Mean tritium',
    meansHint: 'Means over the samples without flags.',
    flagged: 'Anomalous samples',
    period: 'Period',
    scatterTitle: 'δ²H – δ¹⁸O plot',
    scatterHint:
      "Each dot is a sample. Precipitation lies around the Global Meteoric Water Line (GMWL); the green line is the river's own least-squares line; anomalous samples are orange, ringed and labelled with their code.",
    scatterPointerHint:
      'Tap or point at a dot to see its sample; drag to zoom into an area, double-click to zoom out.',
    timePointerHint:
      'Tap or point at the chart to read the values of a date; drag to zoom in, double-click to zoom out.',
    gmwlDExcess: 'GMWL d = {{value}} ‰',
    scatterLabel: 'δ²H against δ¹⁸O for {{river}}',
    gmwl: 'GMWL (Craig 1961)',
    localLine: "The river's line",
    samplesSeries: 'Samples',
    outliersSeries: 'Anomalous samples',
    d18oOverTime: 'δ¹⁸O over time',
    dExcessOverTime: 'Deuterium excess over time',
    timeLabel: '{{what}} over time at the points of {{river}}',
    outliersTitle: 'Anomalous samples',
    noOutliers: 'No anomalous samples.',
    formulas:
      "Deuterium excess d = δ²H − {{slope}}·δ¹⁸O (Dansgaard 1964). Anomalous: the robust z-score (median and MAD, Iglewicz & Hoaglin 1993) of d or of the distance from the river's line is beyond {{z}}; at least {{min}} samples of the river are needed.",
    unassigned: 'Point {{code}} (no river set)',
  },
  points: {
    title: 'River sampling points',
    name: 'Point name',
    last: 'Last sampled',
    edit: 'Set the river',
    editTitle: 'River of point {{code}}',
    riverVi: 'River name (Vietnamese)',
    riverEn: 'River name (English)',
    riverHint: 'The points of one river are analysed together (regression line, anomalous samples).',
    saved: 'River set for point {{code}}.',
  },
  import: {
    steps: {
      commit: 'Write the valid rows',
    },
    columnsTitle: "A laboratory's result file",
    columns: 'Columns read',
    columnsHint:
      'Headers in Vietnamese or English (e.g. “δ18O”, “d18O”, “O18”; “δ2H”, “dD”; “Tritium (TU)”), in any order; title rows above the header are skipped. Columns marked * are required.',
    rules:
      'An .xlsx or .csv (UTF-8) file of at most 20 MB and 100,000 rows. Dates as dd/mm/yyyy or yyyy-mm-dd; decimal comma or point.',
    points: '“Mã điểm” (point) is the station code of a river sampling point (e.g. VN33R01).',
    partial:
      'On writing, the valid rows are stored; rows with problems are not written and are listed so they can be fixed and imported again. Rows identical to a stored sample are skipped.',
    drop: 'Drop a result file here or click to pick one',
    dropHint:
      'An .xlsx or .csv file of at most 20 MB. A dry run starts at once: every row is checked, nothing is written yet.',
    valid: 'Rows to write',
    unchanged: 'Already stored',
    noIssues: 'No problems found. Rows ready to write: {{count}}.',
    hasIssues: 'Rows with problems: {{rows}} (problems: {{count}}). These rows will not be written.',
    hasIssuesHint: 'You can write the valid rows now, or fix the file and dry run it again.',
    nothingToWrite: 'There are no new rows to write.',
    commit: 'Write the valid rows',
    commitTitle: 'Write the valid rows to the database (samples: {{count}})?',
    commitText: 'The valid rows are written together; rows with problems are not written.',
    doneTitle: 'Results imported',
    doneText:
      'From “{{name}}”: samples added: {{count}}; rows already stored: {{unchanged}}; rows with problems, not written: {{rejected}}.',
    openList: 'Open the samples',
    openAnalysis: 'Open the analysis by river',
  },
};
