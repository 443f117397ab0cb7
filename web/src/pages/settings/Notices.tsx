// Nhận thông báo: the address notifications go to, and which kinds the officer receives (late
// warnings cannot be turned off).
import { type FormEvent, useState } from "react";
import { useClient, useQuery } from "urql";
import { graphql } from "../../gql";
import type { NoticeKind } from "../../gql/graphql";
import { apiError } from "../../api/errors";
import type { ApiError } from "../../api/session";
import { ErrorNote, Field } from "../../app/ui";

const NoticeSettingsDocument = graphql(`
  query NoticeSettings {
    me { id displayName phone idNumber email }
    noticeSettings { kind enabled optional }
  }
`);

const SetNoticeSettingDocument = graphql(`
  mutation SetNoticeSetting($kind: NoticeKind!, $enabled: Boolean!) {
    setNoticeSetting(kind: $kind, enabled: $enabled) { kind enabled optional }
  }
`);

const UpdateEmailDocument = graphql(`
  mutation UpdateEmail($displayName: String!, $phone: String, $idNumber: String, $email: String) {
    updateProfile(displayName: $displayName, phone: $phone, idNumber: $idNumber, email: $email) { id email }
  }
`);

const KIND_NAMES: Record<NoticeKind, string> = {
  HANDED_OVER: "Hồ sơ chuyển đến tôi",
  STEP_DUE_SOON: "Hồ sơ sắp đến hạn xử lý",
  STEP_LATE: "Hồ sơ quá hạn xử lý (luôn gửi)",
  LATE_DIGEST: "Tổng hợp hồ sơ quá hạn hằng ngày",
  RESULT_READY: "Có kết quả (gửi người nộp)",
  SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung (gửi người nộp)",
  SUPPLEMENT_REMINDER: "Nhắc bổ sung (gửi người nộp)",
  SUPPLEMENT_LAPSED: "Trả lại do quá hạn bổ sung (gửi người nộp)",
  AUTO_RETURNED: "Hệ thống trả lại hồ sơ tôi giữ do quá hạn bổ sung",
  APPOINTMENT_PASSED: "Hồ sơ tôi giữ quá hẹn trả: lập phiếu xin lỗi (luôn gửi)",
  APOLOGY_LETTER: "Phiếu xin lỗi và hẹn lại (gửi người nộp)",
};

export function NoticeSettings() {
  const client = useClient();
  const [result, refetch] = useQuery({ query: NoticeSettingsDocument });
  const [email, setEmail] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const me = result.data?.me;
  const shownEmail = email ?? me?.email ?? "";

  async function saveEmail(event: FormEvent) {
    event.preventDefault();
    if (!me) return;
    const variables = { displayName: me.displayName, phone: me.phone, idNumber: me.idNumber, email: shownEmail };
    const answer = await client.mutation(UpdateEmailDocument, variables).toPromise();
    setError(apiError(answer.error));
    if (!answer.error) {
      setSaved("Đã lưu địa chỉ thư điện tử nhận thông báo.");
      setEmail(null);
      refetch({ requestPolicy: "network-only" });
    }
  }

  async function toggle(kind: NoticeKind, enabled: boolean) {
    const answer = await client.mutation(SetNoticeSettingDocument, { kind, enabled }).toPromise();
    setError(apiError(answer.error));
    if (!answer.error) {
      setSaved(enabled ? `Đã bật: ${KIND_NAMES[kind]}.` : `Đã tắt: ${KIND_NAMES[kind]}.`);
      refetch({ requestPolicy: "network-only" });
    }
  }

  return (
    <section aria-labelledby="notices-heading">
      <h2 id="notices-heading">Nhận thông báo</h2>
      <form onSubmit={(e) => void saveEmail(e)} aria-label="Địa chỉ nhận thông báo" className="form">
        <Field label="Thư điện tử nhận thông báo" hint="Để trống nếu không muốn nhận thư">
          {(id, describedBy) => (
            <input id={id} aria-describedby={describedBy} type="email" autoComplete="email" value={shownEmail} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="button">
          Lưu địa chỉ
        </button>
      </form>
      <fieldset className="checks">
        <legend>Loại thông báo nhận qua thư</legend>
        {(result.data?.noticeSettings ?? []).map((setting) => (
          <label key={setting.kind}>
            <input
              type="checkbox"
              checked={setting.enabled}
              disabled={!setting.optional}
              onChange={(e) => void toggle(setting.kind, e.target.checked)}
            />{" "}
            {KIND_NAMES[setting.kind]}
          </label>
        ))}
      </fieldset>
      <ErrorNote error={error ?? apiError(result.error)} />
      {saved && (
        <p className="notice" role="status">
          {saved}
        </p>
      )}
    </section>
  );
}
