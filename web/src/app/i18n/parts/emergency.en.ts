import type { emergency as vi } from './emergency.vi';

/** English messages of the emergency tools: the same keys as emergency.vi.ts. */
export const emergency: typeof vi = {
  subtitle: 'Decision support for the response to a radiation emergency, computed in the browser.',
  tools: {
    title: 'Tools',
    cordonTitle: 'Radioactive source cordon',
    cordonSummary:
      'Lost, damaged or unshielded source: dose rate against distance, the 100 µSv/h radius and the IAEA default radius.',
    open: 'Open the tool',
  },
  cordon: {
    nav: 'Source cordon',
    title: 'Radioactive source cordon',
    subtitle:
      'Lost, damaged or unshielded sealed source: H*(10) dose rate against distance and the inner cordon radius at 100 µSv/h (IAEA).',
    breadcrumb: 'Emergency response',
    form: {
      title: 'The source',
      nuclide: 'Nuclide',
      activity: 'Activity',
      activityUnit: 'Activity unit',
      material: 'Shielding material',
      noShielding: 'No shielding',
      thickness: 'Thickness (cm)',
      thicknessPlaceholder: 'cm',
      situation: 'Situation',
      situationRadius: '{{situation}} — radius {{radius}} m',
      defaultRadiusHint: 'IAEA default radius for this situation: {{radius}} m',
    },
    materials: {
      lead: 'Lead',
      steel: 'Steel',
      concrete: 'Concrete',
    },
    situations: {
      unshielded_source: 'Unshielded or damaged source (outdoors)',
      spill: 'Major spill of radioactive material',
      fire_or_explosion: 'Fire, explosion or fumes involving a dangerous source',
      suspected_explosive: 'Suspected dirty bomb (RDD), exploded or not',
    },
    result: {
      title: 'Result',
      rateAt1m: 'H*(10) dose rate at 1 m',
      radius: 'Cordon radius (100 µSv/h)',
      defaultRadius: 'IAEA default radius',
      transmission: 'Shield transmission',
      criterion: 'Criterion: ambient dose rate {{value}} µSv/h (IAEA inner cordon)',
      gamma: 'Gamma constant Γ for H*(10)',
      gammaValue: '{{value}} µSv·m²/(MBq·h)',
      layer: '{{method}} of {{material}}: {{value}} cm',
      tvl: 'Tenth-value layer (TVL)',
      hvl: 'Half-value layer (HVL)',
      source: 'Data source',
      verified: 'verified',
      toVerify: 'to be verified',
      assumptions: 'Assumptions',
      invalid: 'Cannot compute yet',
      fixInput: 'Correct the source details to see the result.',
    },
    warnings: {
      exceeds_default:
        'The computed radius ({{radius}} m) is larger than the {{defaultRadius}} m default for “{{situation}}”: cordon off at the computed radius.',
      exceedsTitle: 'Larger than the default radius',
      beyond_air_neutral_range:
        'The {{radius}} m radius is beyond {{validUpTo}} m, the range of the air-neutral assumption: the result errs on the safe side (over-estimate); check by measurement on site.',
      shielding_hvl_only:
        'Only a half-value layer (HVL = {{hvl}} cm) of {{material}} is known for {{nuclide}}: for a thick shield, 2^(−x/HVL) may under-estimate the dose rate.',
      data_to_verify: 'Some data used for {{nuclide}} are not verified yet: {{items}}.',
      items: {
        gamma: 'the gamma constant Γ',
        tvl: 'the TVL of {{material}}',
        hvl: 'the HVL of {{material}}',
      },
      other: 'Warning: {{code}}',
    },
    assumptions: {
      point_source_inverse_square: 'Point source; the dose rate falls with the square of the distance.',
      ambient_dose_equivalent:
        'The quantity is the ambient dose-equivalent rate H*(10) (what survey meters read).',
      air_neutral:
        'Air attenuation and buildup are neglected (they roughly cancel up to about 100 m); beyond, the result errs on the safe side.',
      unshielded: 'The source is unshielded.',
      shield_broad_beam_tvl:
        'Shielding from the broad-beam tenth-value layer (TVL, NCRP 49), scatter included.',
      shield_hvl: 'Shielding from the half-value layer (HVL), as no TVL is known.',
    },
    errors: {
      unknown_nuclide: 'No gamma constant for this nuclide.',
      invalid_activity: 'Enter an activity greater than 0.',
      invalid_shielding: 'The shielding is not valid.',
      unknown_material: 'The shielding material is not in the data.',
      no_shielding_data:
        'No HVL/TVL of {{material}} for {{nuclide}} in the data: compute unshielded or measure on site.',
      invalid_thickness: 'Enter a thickness of 0 cm or more.',
      invalid_distance: 'The distance is not valid.',
      invalid_limit: 'The dose-rate criterion is not valid.',
      unknown_situation: 'The situation is not valid.',
    },
    chart: {
      title: 'Dose rate against distance',
      ariaLabel: 'Chart of the H*(10) dose rate against distance, logarithmic scales',
      distance: 'Distance (m)',
      doseRate: 'Dose rate (µSv/h)',
      series: 'H*(10) dose rate',
      criterion: '{{value}} µSv/h',
      radius: 'Cordon {{radius}} m',
      defaultRadius: 'Default {{radius}} m',
    },
    map: {
      title: 'Cordon map',
      ariaLabel:
        'Map: click to place the source; the two circles are the computed cordon and the default radius',
      hint: 'Click the map to place the source.',
      computed: 'Computed cordon ({{radius}} m)',
      default: 'IAEA default radius ({{radius}} m)',
      source: 'Source position',
      zoom: 'Zoom to the cordon',
    },
  },
};
