/**
 * Parameters of the station simulator with their sources. The numbers live in simulator.json, never in code.
 * They shape demo and exercise data only; nothing here is used to judge real measurements.
 */
import data from './simulator.json' with { type: 'json' };

export type SimulatorReferenceStatus = 'verified' | 'to_verify';

export interface SimulatorReferenceValue<T = number> {
  value: T;
  source: string;
  status: SimulatorReferenceStatus;
}

type Group<K extends string> = Readonly<Record<K, SimulatorReferenceValue>>;

export interface SimulatorReference {
  edition: string;
  sources: Readonly<Record<string, string>>;
  doseRate: Group<
    | 'backgroundMin'
    | 'backgroundMax'
    | 'relativeNoise'
    | 'noiseReferenceNSvH'
    | 'noiseReferenceIntervalS'
    | 'dailyAmplitude'
    | 'dailyPeakSolarHour'
    | 'slowVariation'
    | 'slowVariationKnotH'
  >;
  washout: Group<'amplitudeMin' | 'amplitudeMax' | 'halfTimeMin' | 'saturationMmH' | 'recoveryH'>;
  rain: Group<
    | 'durationMinH'
    | 'durationMaxH'
    | 'intensityMinMmH'
    | 'intensityMaxMmH'
    | 'rampFraction'
    | 'cellRadiusMinKm'
    | 'cellRadiusMaxKm'
    | 'speedMinKmH'
    | 'speedMaxKmH'
    | 'cellLifeH'
    | 'gaugeResolutionMm'
  > & { eventsPerWeekByMonth: SimulatorReferenceValue<number[]> };
  temperature: Group<
    | 'annualMeanC'
    | 'annualAmplitudeC'
    | 'coldestDayOfYear'
    | 'dailyAmplitudeC'
    | 'warmestSolarHour'
    | 'rainCoolingC'
    | 'variationC'
    | 'rainFullEffectMmH'
    | 'noiseC'
    | 'stationOffsetC'
  >;
  wind: Group<
    | 'meanSpeedMS'
    | 'dailyAmplitude'
    | 'windiestSolarHour'
    | 'rainGustMS'
    | 'rainFullEffectMmH'
    | 'speedVariation'
    | 'noiseMS'
    | 'winterFromDeg'
    | 'summerFromDeg'
    | 'directionVariationDeg'
    | 'stationDirectionNoiseDeg'
  >;
  faults: Group<
    | 'spikePerDay'
    | 'spikeFactorMin'
    | 'spikeFactorMax'
    | 'stuckPerDay'
    | 'stuckMinH'
    | 'stuckMaxH'
    | 'silencePerDay'
    | 'silenceMinH'
    | 'silenceMaxH'
  >;
}

export const SIMULATOR_REFERENCE: SimulatorReference = data as SimulatorReference;
