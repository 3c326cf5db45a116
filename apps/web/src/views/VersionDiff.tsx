import { useMemo } from 'react';
import { useQuery } from 'urql';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { canonicalJson, diffLines } from '../diff.ts';
import { graphql } from '../gql/gql.ts';

const VersionDefinitionsQuery = graphql(`
  query VersionDefinitions($name: String!, $a: Int!, $b: Int!) {
    pipeline(name: $name) {
      name
      a: version(version: $a) {
        id
        version
        definition
      }
      b: version(version: $b) {
        id
        version
        definition
      }
    }
  }
`);

interface VersionDiffProps {
  readonly pipelineName: string;
  readonly a: number;
  readonly b: number;
}

/** The definitions of two versions, line by line, with only the changed regions expanded. */
export function VersionDiff({ pipelineName, a, b }: VersionDiffProps) {
  const [{ data, fetching, error }] = useQuery({ query: VersionDefinitionsQuery, variables: { name: pipelineName, a, b } });
  const lines = useMemo(() => {
    const before = data?.pipeline?.a?.definition;
    const after = data?.pipeline?.b?.definition;
    if (before === undefined || after === undefined) return null;
    return diffLines(canonicalJson(before), canonicalJson(after));
  }, [data]);
  if (error) return <ErrorState title="Could not load the definitions" message={error.message} />;
  if (fetching && !data) return <Loading label="Loading definitions…" />;
  if (!lines) return <ErrorState title="One of these versions does not exist" />;
  const changed = lines.filter((l) => l.kind !== 'same').length;
  return (
    <div className="card">
      <h3>
        v{a} → v{b}: {changed === 0 ? 'identical definitions' : `${changed} changed lines`}
      </h3>
      <pre className="diff" aria-label={`Definition diff v${a} to v${b}`}>
        {lines.map((line, index) => (
          <div key={index} className={`diff-${line.kind}`}>
            <span aria-hidden="true">{line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}</span>
            {line.kind !== 'same' ? <span className="visually-hidden">{line.kind}: </span> : null}
            {line.text}
          </div>
        ))}
      </pre>
    </div>
  );
}
