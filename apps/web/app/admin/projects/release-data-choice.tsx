'use client';

import { checkedAfter, FieldProblem, useField, useFormContext } from '../../components/form';

const CHOICES = [
  { value: 'none', label: 'nothing yet (the GitHub sync brings its tags)' },
  { value: 'tags', label: 'a tags file', file: { name: 'tagsFile', label: 'tags file', accept: '.tsv,.txt,text/tab-separated-values,text/plain' } },
  { value: 'releases-md', label: 'a RELEASES.md-style table', file: { name: 'releasesMdFile', label: 'RELEASES.md', accept: '.md,text/markdown,text/plain' } },
] as const;

/** Where a new project's release data comes from; the choice survives a refused form (a chosen file cannot). */
export function ReleaseDataChoice() {
  const { state } = useFormContext();
  const tags = useField('tagsFile');
  const releasesMd = useField('releasesMdFile');
  const bindings = { tagsFile: tags, releasesMdFile: releasesMd };
  return (
    <fieldset>
      <legend>Release data</legend>
      {CHOICES.map((choice) => {
        const binding = 'file' in choice ? bindings[choice.file.name] : null;
        return (
          <div key={choice.value} className="field">
            <label className="check">
              <input type="radio" name="releaseData" value={choice.value} defaultChecked={checkedAfter(state, 'releaseData', choice.value === 'none', choice.value)} /> {choice.label}
            </label>
            {'file' in choice && binding && (
              <>
                <input type="file" id={binding.id} name={choice.file.name} accept={choice.file.accept} aria-label={choice.file.label} aria-invalid={binding['aria-invalid']} aria-describedby={binding['aria-describedby']} />
                <FieldProblem binding={binding} />
              </>
            )}
          </div>
        );
      })}
      <span className="field-hint">
        A tags file has <code>tag</code> and <code>date</code> columns, as <code>git for-each-ref</code> prints them.
      </span>
    </fieldset>
  );
}
