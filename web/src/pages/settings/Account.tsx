// Cập nhật thông tin tài khoản, đổi mật khẩu: the caller's roles, a new password (other
// sessions end), and the notifications they receive.
import { type FormEvent, useState } from "react";
import { useClient } from "urql";
import { graphql } from "../../gql";
import { apiError } from "../../api/errors";
import type { ApiError } from "../../api/session";
import { ErrorNote, Field } from "../../app/ui";
import { useMe } from "../../app/me";
import { NoticeSettings } from "./Notices";

const ChangePasswordDocument = graphql(`
  mutation ChangePassword($current: String!, $next: String!) {
    changePassword(currentPassword: $current, newPassword: $next)
  }
`);

export function AccountPage() {
  const me = useMe();
  const client = useClient();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    if (next !== again) {
      setError({ code: "MISMATCH", message: "hai lần nhập mật khẩu mới không khớp" });
      return;
    }
    const result = await client.mutation(ChangePasswordDocument, { current, next }).toPromise();
    if (result.error) setError(apiError(result.error));
    else {
      setError(null);
      setDone(true);
      setCurrent("");
      setNext("");
      setAgain("");
    }
  }

  return (
    <section>
      <h1>Thông tin tài khoản</h1>
      <dl>
        <dt>Họ và tên</dt>
        <dd>{me.displayName}</dd>
        <dt>Tên đăng nhập</dt>
        <dd>{me.username}</dd>
        <dt>Vai trò</dt>
        <dd>
          <ul>
            {me.roles.map((r) => (
              <li key={`${r.role}-${r.unitId}`}>
                {r.title} — {r.unitId}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <form onSubmit={(e) => void submit(e)} aria-label="Đổi mật khẩu" className="form">
        <h2>Đổi mật khẩu</h2>
        <Field label="Mật khẩu hiện tại">
          {(id) => <input id={id} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />}
        </Field>
        <Field label="Mật khẩu mới" hint="Ít nhất 10 ký tự, có chữ hoa, chữ thường, chữ số và ký hiệu">
          {(id, describedBy) => (
            <input id={id} aria-describedby={describedBy} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required />
          )}
        </Field>
        <Field label="Nhập lại mật khẩu mới">
          {(id) => <input id={id} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required />}
        </Field>
        <ErrorNote error={error} />
        {done && (
          <p className="notice" role="status">
            Đã đổi mật khẩu; các phiên đăng nhập khác đã kết thúc.
          </p>
        )}
        <button type="submit" className="primary">
          Đổi mật khẩu
        </button>
      </form>
      <NoticeSettings />
    </section>
  );
}
