// Cập nhật hồ sơ: the applicant's data edited in place; each change goes to the timeline.
import { type FormEvent, useState } from "react";
import { useClient } from "urql";
import { apiError } from "../../api/errors";
import type { ApiError } from "../../api/session";
import { Confirm, ErrorNote } from "../../app/ui";
import { normaliseIdNumber } from "../../lib/idNumber";
import { ApplicantForm, fieldInputs, initialValues, problems } from "./ApplicantForm";
import { UpdateDocument } from "./queries";

interface Editable {
  id: string;
  code: string;
  applicantName: string;
  applicantIdNumber?: string | null;
  fields: { name: string; value: string }[];
}

export function ApplicantEditor({ dossier, onSaved }: { dossier: Editable; onSaved: () => void }) {
  const client = useClient();
  const [values, setValues] = useState(() => initialValues(dossier));
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const found = problems(values);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(found).length === 0) setConfirming(true);
  }

  async function save() {
    const before = initialValues(dossier);
    const fields = fieldInputs(values).filter((f) => {
      const old = fieldInputs(before).find((b) => b.name === f.name);
      return (old?.value ?? "") !== f.value;
    });
    const input = {
      ...(values.name.trim() !== dossier.applicantName ? { applicantName: values.name.trim() } : {}),
      ...(normaliseIdNumber(values.idNumber) !== (dossier.applicantIdNumber ?? "")
        ? { applicantIdNumber: normaliseIdNumber(values.idNumber) }
        : {}),
      ...(fields.length ? { fields } : {}),
    };
    const result = await client.mutation(UpdateDocument, { id: dossier.id, input }).toPromise();
    setConfirming(false);
    if (result.error) setError(apiError(result.error));
    else {
      setError(null);
      onSaved();
    }
  }

  return (
    <form onSubmit={submit} aria-label="Cập nhật hồ sơ" noValidate>
      <ApplicantForm values={values} onChange={setValues} shown={tried ? found : {}} />
      <ErrorNote error={error} />
      <button type="submit">Lưu thay đổi</button>
      <Confirm
        open={confirming}
        question={`Bạn chắc chắn muốn cập nhật hồ sơ ${dossier.code}?`}
        onConfirm={() => void save()}
        onCancel={() => setConfirming(false)}
      />
    </form>
  );
}
