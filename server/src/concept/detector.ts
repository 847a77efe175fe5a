/** What a streaming concept-drift detector signalled over a sequence in time order. */
export interface DetectorResult {
  detector: 'page-hinkley' | 'ddm' | 'adwin';
  /** 0-based indices at which drift was signalled; the detector starts afresh after each. */
  detections: number[];
  /** 0-based indices at which the detector entered its warning zone (DDM); empty for detectors without one. */
  warnings: number[];
  /** The parameters in force, defaults filled in. */
  parameters: Record<string, number | string>;
}
