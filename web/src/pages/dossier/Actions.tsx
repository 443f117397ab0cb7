// The caller's next actions as buttons (exactly the API's `nextActions`), each opening the
// form it needs: the next handler from `stepHandlers`, a reason, the list of what is missing,
// a note; then "Bạn chắc chắn…?" and the mutation.
import { type FormEvent, useState } from "react";
import { useClient, useQuery } from "urql";
import { apiError } from "../../api/errors";
import type { ApiError } from "../../api/session";
import { actionName } from "../../app/labels";
import { Confirm, ErrorNote, Field } from "../../app/ui";
import type { ResultHandover } from "../../gql/graphql";
import { StepHandlersDocument } from "./queries";
import { needs, perform } from "./perform";

export interface NextAction {
  action: string;
  toStep?: string | null;
}

export function Actions({
  dossierId,
  code,
  actions,
  onDone,
}: {
  dossierId: string;
  code: string;
  actions: NextAction[];
  onDone: (action: string) => void;
}) {
  const [chosen, setChosen] = useState<NextAction | null>(null);
  const offered = actions.filter((a) => a.action !== "update_fields");
  if (offered.length === 0) return <p className="empty">Bạn không có thao tác nào với hồ sơ này lúc này.</p>;
  return (
    <div className="actions">
      <div className="buttons" role="group" aria-label="Thao tác">
        {offered.map((a) => (
          <button
            key={`${a.action}-${a.toStep ?? ""}`}
            type="button"
            className={chosen === a ? "primary" : undefined}
            aria-pressed={chosen === a}
            onClick={() => setChosen(a)}
          >
            {actionName(a.action)}
          </button>
        ))}
      </div>
      {chosen && (
        <ActionFormPanel
          key={`${chosen.action}-${chosen.toStep ?? ""}`}
          dossierId={dossierId}
          code={code}
          action={chosen}
          onCancel={() => setChosen(null)}
          onDone={() => {
            setChosen(null);
            onDone(chosen.action);
          }}
        />
      )}
    </div>
  );
}

/** What signing and issuing do to the decision, said before the officer confirms. */
const SIGNING_HINTS: Record<string, string> = {
  extend_appointment:
    "Hẹn đến hết giờ làm việc của ngày đã chọn; Phiếu xin lỗi và hẹn lại được gửi cho công dân (nếu có thư điện tử hoặc số điện thoại) và in được ở mục Dự thảo văn bản.",
  sign: "Quyết định theo mẫu của tỉnh được ký số đứng tên bạn; số và ngày để trống cho văn thư phát hành.",
  issue: "Quyết định đã ký được cấp số tiếp theo của năm, ghi ngày và đóng dấu số của cơ quan.",
};

function ActionFormPanel({
  dossierId,
  code,
  action,
  onCancel,
  onDone,
}: {
  dossierId: string;
  code: string;
  action: NextAction;
  onCancel: () => void;
  onDone: () => void;
}) {
  const client = useClient();
  const need = needs(action.action);
  const [handlerId, setHandlerId] = useState("");
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState("");
  const [handover, setHandover] = useState<ResultHandover>("IN_PERSON");
  const [until, setUntil] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [handlers] = useQuery({
    query: StepHandlersDocument,
    variables: { dossierId, step: action.toStep ?? null },
    pause: !need.handler,
    requestPolicy: "network-only",
  });
  const options = handlers.data?.stepHandlers;
  const choices = options ? [...options.officers, ...options.deputies] : [];
  const chosenHandler = handlerId || (choices.length === 1 ? choices[0]!.id : "");
  const missingItems = missing.split("\n").map((line) => line.trim()).filter(Boolean);
  const label = actionName(action.action);

  function submit(event: FormEvent) {
    event.preventDefault();
    setConfirming(true);
  }

  async function confirmed() {
    setBusy(true);
    const failure = await perform(client, action.action, dossierId, {
      toStep: action.toStep ?? null,
      handlerId: chosenHandler || null,
      note,
      reason,
      missing: missingItems,
      handover,
      until,
    });
    setBusy(false);
    setConfirming(false);
    if (failure) setError(apiError(failure));
    else onDone();
  }

  return (
    <form className="action-form" onSubmit={submit} aria-label={label}>
      <h3>
        {label}
        {options && ` → ${options.stepName}`}
      </h3>
      {need.handler && options && (
        <>
          {options.problem ? (
            <p className="error" role="alert" data-code="NO_HANDLER">
              {options.problem}
            </p>
          ) : (
            <Field label={`Cán bộ nhận (${options.positionTitle}, ${options.unitName})`}>
              {(id) => (
                <select id={id} value={chosenHandler} onChange={(e) => setHandlerId(e.target.value)} required>
                  <option value="">— Chọn cán bộ —</option>
                  {options.officers.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.displayName} ({o.username})
                    </option>
                  ))}
                  {options.deputies.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.displayName} ({o.username}, cấp phó)
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </>
      )}
      {need.missing && (
        <Field label="Giấy tờ còn thiếu (mỗi dòng một mục)" hint="Ghi đủ một lần mọi thứ công dân cần bổ sung">
          {(id, describedBy) => (
            <textarea id={id} aria-describedby={describedBy} rows={4} value={missing} onChange={(e) => setMissing(e.target.value)} required />
          )}
        </Field>
      )}
      {need.handover && (
        <Field label="Hình thức trả kết quả">
          {(id) => (
            <select id={id} value={handover} onChange={(e) => setHandover(e.target.value as ResultHandover)}>
              <option value="IN_PERSON">Trực tiếp tại Bộ phận một cửa</option>
              <option value="ELECTRONIC">Bản điện tử (quyết định đã ký số)</option>
              <option value="POST">Qua dịch vụ bưu chính công ích</option>
            </select>
          )}
        </Field>
      )}
      {need.until && (
        <Field label="Ngày hẹn trả kết quả mới">
          {(id) => <input id={id} type="date" value={until} onChange={(e) => setUntil(e.target.value)} required />}
        </Field>
      )}
      {need.reason && (
        <Field label={need.until ? "Lý do chậm trả kết quả (ghi trên phiếu gửi công dân)" : "Lý do"}>
          {(id) => <textarea id={id} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required />}
        </Field>
      )}
      {need.note && (
        <Field label="Ghi chú">
          {(id) => <textarea id={id} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      )}
      {SIGNING_HINTS[action.action] && <p className="hint">{SIGNING_HINTS[action.action]}</p>}
      <ErrorNote error={error} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy || (need.handler && (!options || Boolean(options.problem)))}>
          {label}
        </button>
        <button type="button" onClick={onCancel}>
          Hủy
        </button>
      </div>
      <Confirm
        open={confirming}
        busy={busy}
        question={`Bạn chắc chắn muốn ${label.toLowerCase()} hồ sơ ${code}?`}
        onConfirm={() => void confirmed()}
        onCancel={() => setConfirming(false)}
      />
    </form>
  );
}
