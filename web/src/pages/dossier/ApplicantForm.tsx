// The applicant's part of a dossier as a form: name, ID number (checked as the server checks
// it, before sending), and the application's fields, address and birth date first.
import { formatDay, parseDay } from "../../lib/format";
import { idNumberProblem, normaliseIdNumber } from "../../lib/idNumber";
import { Field } from "../../app/ui";

export interface ApplicantValues {
  name: string;
  idNumber: string;
  address: string;
  birthDate: string;
  others: { name: string; value: string }[];
}

export function initialValues(dossier?: {
  applicantName: string;
  applicantIdNumber?: string | null;
  fields: { name: string; value: string }[];
}): ApplicantValues {
  const fields = dossier?.fields ?? [];
  const value = (name: string) => fields.find((f) => f.name === name)?.value ?? "";
  return {
    name: dossier?.applicantName ?? "",
    idNumber: dossier?.applicantIdNumber ?? "",
    address: value("dia_chi"),
    birthDate: value("ngay_sinh") ? formatDay(value("ngay_sinh")) : "",
    others: fields.filter((f) => f.name !== "dia_chi" && f.name !== "ngay_sinh"),
  };
}

/** Problems per input, in Vietnamese; empty when the form may be sent. */
export function problems(values: ApplicantValues): Record<string, string> {
  const found: Record<string, string> = {};
  if (!values.name.trim()) found.name = "cần họ và tên người nộp";
  const id = normaliseIdNumber(values.idNumber);
  if (id) {
    const problem = idNumberProblem(id);
    if (problem) found.idNumber = problem;
  }
  if (values.birthDate.trim() && !parseDay(values.birthDate)) found.birthDate = "ngày sinh viết dd/MM/yyyy";
  return found;
}

/** The fields as the API takes them (`ngay_*` as `yyyy-MM-dd`). */
export function fieldInputs(values: ApplicantValues): { name: string; value: string }[] {
  const fields = [
    { name: "dia_chi", value: values.address.trim() },
    { name: "ngay_sinh", value: values.birthDate.trim() ? (parseDay(values.birthDate) ?? "") : "" },
    ...values.others.map((f) => ({ name: f.name.trim(), value: f.value.trim() })),
  ];
  return fields.filter((f) => f.name);
}

export function ApplicantForm({
  values,
  onChange,
  shown,
}: {
  values: ApplicantValues;
  onChange: (values: ApplicantValues) => void;
  shown: Record<string, string>;
}) {
  const set = (patch: Partial<ApplicantValues>) => onChange({ ...values, ...patch });
  return (
    <fieldset>
      <legend>Người nộp</legend>
      <Field label="Họ và tên" problem={shown.name}>
        {(id, describedBy) => (
          <input id={id} aria-describedby={describedBy} aria-invalid={Boolean(shown.name)} value={values.name} onChange={(e) => set({ name: e.target.value })} required />
        )}
      </Field>
      <Field label="Số định danh cá nhân" hint="12 chữ số (CCCD) hoặc 9 chữ số (CMND cũ)" problem={shown.idNumber}>
        {(id, describedBy) => (
          <input
            id={id}
            aria-describedby={describedBy}
            aria-invalid={Boolean(shown.idNumber)}
            inputMode="numeric"
            value={values.idNumber}
            onChange={(e) => set({ idNumber: e.target.value })}
          />
        )}
      </Field>
      <Field label="Địa chỉ">
        {(id) => <input id={id} value={values.address} onChange={(e) => set({ address: e.target.value })} />}
      </Field>
      <Field label="Ngày sinh" hint="dd/MM/yyyy" problem={shown.birthDate}>
        {(id, describedBy) => (
          <input id={id} aria-describedby={describedBy} aria-invalid={Boolean(shown.birthDate)} placeholder="dd/MM/yyyy" value={values.birthDate} onChange={(e) => set({ birthDate: e.target.value })} />
        )}
      </Field>
    </fieldset>
  );
}
