export { MAX_ID, SANE_YEARS, textProblem, idProblem, yearProblem, findInputProblem, findUrlProblem, assertCleanInput, parseId, assertSaneYear, isSaneYear, type InputProblem } from './input-rules';
export { storableText, idText, saneDay, cycleName, kubernetesMinor, versionOrCycle } from './zod-rules';
