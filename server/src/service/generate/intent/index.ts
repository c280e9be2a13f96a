export { compileIntent, type CompileOptions, type CompileResult } from './compile';
export { parseSchedule, type ParsedSchedule } from './schedule';
export { Scan, normalise } from './scan';
