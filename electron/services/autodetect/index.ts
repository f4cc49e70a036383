export {
  autodetect,
  domainOfInput,
  defaultCandidateHosts,
  DEFAULT_CANDIDATE_PORTS,
  type AutodetectOptions,
  type CandidatePort,
  type MxResolver,
} from './autodetect';
export type { AutodetectReport, Candidate, Security } from './types';
