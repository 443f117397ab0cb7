// Small pieces every screen uses: error notes, labelled fields, badges, confirmation.
import { type ReactNode, useEffect, useId, useRef } from "react";
import type { ApiError } from "../api/session";
import { SLA_STATE, STATUS } from "./labels";

export function ErrorNote({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <p className="error" role="alert" data-code={error.code}>
      {error.message}
    </p>
  );
}

export function Field({
  label,
  hint,
  problem,
  children,
}: {
  label: string;
  hint?: string;
  problem?: string | null;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const problemId = problem ? `${id}-problem` : undefined;
  const describedBy = [hintId, problemId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={problem ? "field invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {children(id, describedBy)}
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {problem && (
        <small id={problemId} className="problem">
          {problem}
        </small>
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{STATUS[status] ?? status}</span>;
}

export function SlaBadge({ state }: { state: string | null | undefined }) {
  if (!state) return null;
  return <span className={`badge sla-${state.toLowerCase()}`}>{SLA_STATE[state] ?? state}</span>;
}

/** "Bạn chắc chắn…?" before anything that moves a dossier or commits data. */
export function Confirm({
  question,
  open,
  onConfirm,
  onCancel,
  busy,
}: {
  question: string;
  open: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} onCancel={onCancel} aria-labelledby="confirm-question">
      <p id="confirm-question">{question}</p>
      <div className="buttons">
        <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
          Đồng ý
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Hủy
        </button>
      </div>
    </dialog>
  );
}
