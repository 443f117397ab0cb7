// Runs one of the dossier's next actions through its mutation. The page offers only what the
// API listed in `nextActions`; the server still decides.
import type { Client, CombinedError } from "urql";
import type { ResultHandover } from "../../gql/graphql";
import * as q from "./queries";

export interface ActionForm {
  toStep?: string | null;
  handlerId?: string | null;
  note: string;
  reason: string;
  missing: string[];
  /** How a result is handed over (return_result). */
  handover?: ResultHandover;
  /** The new appointment day, YYYY-MM-DD (extend_appointment). */
  until?: string;
}

/** What each action asks for. */
export function needs(action: string): {
  handler: boolean;
  reason: boolean;
  missing: boolean;
  note: boolean;
  handover: boolean;
  until: boolean;
} {
  const handler = ["forward", "sign", "issue", "send_back"].includes(action);
  const reason = ["send_back", "return_ineligible", "reject", "withdraw", "extend_appointment"].includes(action);
  const missing = action === "request_supplement";
  const note = !reason && action !== "delete";
  return { handler, reason, missing, note, handover: action === "return_result", until: action === "extend_appointment" };
}

export async function perform(
  client: Client,
  action: string,
  id: string,
  form: ActionForm,
): Promise<CombinedError | null> {
  const note = form.note.trim() || null;
  const reason = form.reason.trim();
  const toStep = form.toStep ?? "";
  const handlerId = form.handlerId || null;
  const run = () => {
    switch (action) {
      case "receive":
        return client.mutation(q.ReceiveDocument, { id, note }).toPromise();
      case "delete":
        return client.mutation(q.DeleteDocument, { id }).toPromise();
      case "forward":
        return client.mutation(q.ForwardDocument, { id, toStep, handlerId, note }).toPromise();
      case "request_supplement":
        return client.mutation(q.RequestSupplementDocument, { id, missing: form.missing, note }).toPromise();
      case "receive_supplement":
        return client.mutation(q.ReceiveSupplementDocument, { id, note }).toPromise();
      case "send_back":
        return client.mutation(q.SendBackDocument, { id, toStep, handlerId, reason }).toPromise();
      case "accept_rework":
        return client.mutation(q.AcceptReworkDocument, { id, note }).toPromise();
      case "return_ineligible":
        return client.mutation(q.ReturnIneligibleDocument, { id, reason }).toPromise();
      case "reject":
        return client.mutation(q.RejectDocument, { id, reason }).toPromise();
      case "sign":
        return client.mutation(q.SignDocument, { id, toStep, handlerId, note }).toPromise();
      case "issue":
        return client.mutation(q.IssueDocument, { id, toStep, handlerId, note }).toPromise();
      case "return_result":
        return client.mutation(q.ReturnResultDocument, { id, handover: form.handover ?? "IN_PERSON", note }).toPromise();
      case "extend_appointment":
        return client.mutation(q.ExtendAppointmentDocument, { id, until: form.until ?? "", reason }).toPromise();
      case "withdraw":
        return client.mutation(q.WithdrawDocument, { id, reason }).toPromise();
      default:
        return null;
    }
  };
  const result = await run();
  return result?.error ?? null;
}
