export { MAX_ID, SANE_YEARS, textProblem, findInputProblem, assertCleanInput, parseId, assertSaneYear, isSaneYear, type InputProblem } from './input-rules';
