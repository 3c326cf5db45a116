import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql/gql.ts';
import type { StartExecutionParamsFragment } from '../gql/graphql.ts';
import { initialValues, parameterFromPath, parseParameters, type RawValues } from '../parameters.ts';
import { mutationErrorMessage } from '../mutation-error.ts';

export const StartExecutionParamsFragmentDoc = graphql(`
  fragment StartExecutionParams on PipelineParameter {
    name
    type
    default
    enum
    description
  }
`);

const StartExecutionMutation = graphql(`
  mutation StartExecution($input: StartExecutionInput!) {
    startExecution(input: $input) {
      errors {
        code
        message
        path
      }
      execution {
        id
        status
      }
    }
  }
`);

interface StartExecutionFormProps {
  readonly pipelineName: string;
  readonly version: number;
  readonly parameters: readonly StartExecutionParamsFragment[];
  readonly onCancel?: () => void;
}

/** A field per typed parameter, prefilled with its default; checked before sending and after. */
export function StartExecutionForm({ pipelineName, version, parameters, onCancel }: StartExecutionFormProps) {
  const specs = parameters.map((p) => ({ ...p, enum: p.enum ?? null }));
  const [raw, setRaw] = useState<RawValues>(() => initialValues(specs));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [{ fetching }, start] = useMutation(StartExecutionMutation);
  const navigate = useNavigate();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const parsed = parseParameters(specs, raw);
    setErrors(parsed.errors);
    if (Object.keys(parsed.errors).length > 0) return;
    const result = await start({ input: { pipelineName, version, parameters: parsed.values } });
    if (result.error) {
      setFormError(mutationErrorMessage(result.error));
      return;
    }
    const payload = result.data?.startExecution;
    if (!payload) return;
    if (payload.errors.length > 0) {
      const fieldErrors: Record<string, string> = {};
      const others: string[] = [];
      for (const e of payload.errors) {
        const name = parameterFromPath(e.path);
        if (name) fieldErrors[name] = e.message;
        else others.push(e.message);
      }
      setErrors(fieldErrors);
      setFormError(others.length > 0 ? others.join(' ') : null);
      return;
    }
    if (payload.execution) navigate(`/executions/${payload.execution.id}`);
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="start-title">
      <h2 id="start-title">Start an execution of v{version}</h2>
      {specs.length === 0 ? <p className="muted">This pipeline declares no parameters.</p> : null}
      <div className="form-grid">
        {specs.map((spec) => {
          const id = `param-${spec.name}`;
          const error = errors[spec.name];
          const hint = `${spec.type}${spec.default !== null && spec.default !== undefined ? ` · default ${String(spec.default)}` : ' · required'}`;
          const describedBy = `${id}-hint${error ? ` ${id}-error` : ''}`;
          const value = raw[spec.name];
          return (
            <div className={`field${error ? ' has-error' : ''}`} key={spec.name}>
              <label htmlFor={id}>{spec.name}</label>
              {spec.type === 'Boolean' ? (
                <input
                  id={id}
                  type="checkbox"
                  checked={value === true}
                  onChange={(e) => setRaw({ ...raw, [spec.name]: e.target.checked })}
                  aria-describedby={describedBy}
                />
              ) : spec.enum && spec.enum.length > 0 ? (
                <select
                  id={id}
                  value={typeof value === 'string' ? value : ''}
                  onChange={(e) => setRaw({ ...raw, [spec.name]: e.target.value })}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy}
                >
                  {spec.enum.map((option) => (
                    <option key={String(option)} value={String(option)}>
                      {String(option)}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={id}
                  type="text"
                  inputMode={spec.type === 'Integer' ? 'numeric' : spec.type === 'Float' ? 'decimal' : undefined}
                  value={typeof value === 'string' ? value : ''}
                  onChange={(e) => setRaw({ ...raw, [spec.name]: e.target.value })}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy}
                />
              )}
              <span className="field-hint" id={`${id}-hint`}>
                {spec.description ? `${spec.description} ` : ''}
                <span className="muted">({hint})</span>
              </span>
              {error ? (
                <span className="field-error" id={`${id}-error`} role="alert">
                  {error}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={fetching}>
          {fetching ? 'Starting…' : 'Start execution'}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
