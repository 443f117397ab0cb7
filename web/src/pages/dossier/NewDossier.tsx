// Thêm mới hồ sơ: reception records a citizen's application at one of its communes; the
// draft then waits in "Hồ sơ chờ tiếp nhận" to be received.
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router-dom";
import { useClient, useQuery } from "urql";
import { graphql } from "../../gql";
import { apiError } from "../../api/errors";
import type { ApiError } from "../../api/session";
import { Confirm, ErrorNote, Field } from "../../app/ui";
import { useMe } from "../../app/me";
import { normaliseIdNumber } from "../../lib/idNumber";
import { ApplicantForm, fieldInputs, initialValues, problems } from "./ApplicantForm";

const NewDossierOptionsDocument = graphql(`
  query NewDossierOptions {
    procedures { code name }
    units(level: COMMUNE, first: 100) { nodes { id fullName validTo } }
  }
`);

const CreateDossierDocument = graphql(`
  mutation CreateDossier($procedure: String!, $unitId: ID!, $applicantName: String!, $applicantIdNumber: String, $fields: [DossierFieldInput!]) {
    createDossier(procedure: $procedure, unitId: $unitId, applicantName: $applicantName, applicantIdNumber: $applicantIdNumber, fields: $fields) {
      id code
    }
  }
`);

export function NewDossierPage() {
  const me = useMe();
  const client = useClient();
  const navigate = useNavigate();
  const [{ data }] = useQuery({ query: NewDossierOptionsDocument });
  const receptionUnits = new Set(me.roles.filter((r) => r.role === "COMMUNE_RECEPTION").map((r) => r.unitId));
  const units = (data?.units.nodes ?? []).filter((u) => receptionUnits.has(u.id) && !u.validTo);
  const [procedure, setProcedure] = useState("");
  const [unitId, setUnitId] = useState("");
  const [values, setValues] = useState(() => initialValues());
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const chosenUnit = unitId || (units.length === 1 ? units[0]!.id : "");
  const found = problems(values);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(found).length === 0 && procedure && chosenUnit) setConfirming(true);
  }

  async function create() {
    setBusy(true);
    const idNumber = normaliseIdNumber(values.idNumber);
    const result = await client
      .mutation(CreateDossierDocument, {
        procedure,
        unitId: chosenUnit,
        applicantName: values.name.trim(),
        applicantIdNumber: idNumber || null,
        fields: fieldInputs(values).filter((f) => f.value),
      })
      .toPromise();
    setBusy(false);
    setConfirming(false);
    if (result.data) navigate(`/ho-so/${encodeURIComponent(result.data.createDossier.id)}`);
    else setError(apiError(result.error));
  }

  return (
    <section>
      <h1>Thêm mới hồ sơ</h1>
      <form onSubmit={submit} noValidate aria-label="Thêm mới hồ sơ" className="form">
        <Field label="Thủ tục" problem={tried && !procedure ? "hãy chọn thủ tục" : null}>
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} value={procedure} onChange={(e) => setProcedure(e.target.value)} required>
              <option value="">— Chọn thủ tục —</option>
              {data?.procedures.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name} ({p.code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tiếp nhận tại" problem={tried && !chosenUnit ? "hãy chọn xã, phường tiếp nhận" : null}>
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} value={chosenUnit} onChange={(e) => setUnitId(e.target.value)} required>
              <option value="">— Chọn đơn vị —</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.fullName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ApplicantForm values={values} onChange={setValues} shown={tried ? found : {}} />
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>
          Lưu hồ sơ
        </button>
      </form>
      <Confirm
        open={confirming}
        busy={busy}
        question={`Bạn chắc chắn muốn thêm hồ sơ của ${values.name.trim()}?`}
        onConfirm={() => void create()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
