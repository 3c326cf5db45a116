import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql/gql.ts';
import type { ApprovalStatus } from '../gql/graphql.ts';
import { mutationErrorMessage } from '../mutation-error.ts';

const SetApprovalMutation = graphql(`
  mutation SetModelApprovalStatus($input: SetModelApprovalStatusInput!) {
    setModelApprovalStatus(input: $input) {
      errors {
        code
        message
        path
      }
      modelPackage {
        id
        approvalStatus
        approvals {
          at
          by
          status
          comment
        }
      }
    }
  }
`);

interface ApprovalFormProps {
  readonly packageId: string;
  readonly label: string;
  readonly current: ApprovalStatus;
  readonly onDone: () => void;
}

/** Approve or reject a model package with a comment; refuses if someone changed it meanwhile. */
export function ApprovalForm({ packageId, label, current, onDone }: ApprovalFormProps) {
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [{ fetching }, setStatus] = useMutation(SetApprovalMutation);

  async function decide(event: FormEvent, status: ApprovalStatus) {
    event.preventDefault();
    setMessage(null);
    const result = await setStatus({ input: { id: packageId, status, comment: comment.trim() || null, expectedStatus: current } });
    const errors = result.data?.setModelApprovalStatus.errors ?? [];
    if (result.error || errors.length > 0) {
      setMessage({ kind: 'error', text: result.error ? mutationErrorMessage(result.error) : errors.map((e) => e.message).join(' ') });
      return;
    }
    setComment('');
    setMessage({ kind: 'ok', text: status === 'Approved' ? `${label} approved.` : `${label} rejected.` });
    onDone();
  }

  return (
    <form className="approval-form" onSubmit={(e) => decide(e, 'Approved')} aria-label={`Decide on ${label}`}>
      <label htmlFor={`comment-${packageId}`}>Comment</label>
      <textarea
        id={`comment-${packageId}`}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        rows={2}
        placeholder="Why? (kept in the approval history)"
      />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={fetching || current === 'Approved'}>
          ✓ Approve
        </button>
        <button
          type="button"
          className="button danger"
          disabled={fetching || current === 'Rejected'}
          onClick={(e) => decide(e, 'Rejected')}
        >
          ✕ Reject
        </button>
      </div>
      {message ? (
        <p className={message.kind === 'error' ? 'form-error' : 'form-ok'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
