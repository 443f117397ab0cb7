// Search and filters of a dossier listing, kept in the address (so a filtered folder can be
// bookmarked and the back button works): text, procedure, SLA state, reception days, order.
import { type FormEvent, useState } from "react";
import { type SetURLSearchParams } from "react-router-dom";
import { useQuery } from "urql";
import { graphql } from "../../gql";
import type { DossierFilterInput, DossierOrder, StepSlaState } from "../../gql/graphql";
import { formatDay, parseDay } from "../../lib/format";
import { Field } from "../../app/ui";
import { SLA_STATE } from "../../app/labels";

const ProceduresDocument = graphql(`
  query Procedures {
    procedures { code name }
  }
`);

export interface Listing {
  filter: DossierFilterInput;
  orderBy: DossierOrder;
}

export function readListing(params: URLSearchParams, defaultOrder: DossierOrder): Listing {
  const filter: DossierFilterInput = {};
  const q = params.get("q");
  if (q) filter.search = q;
  const procedure = params.get("thu-tuc");
  if (procedure) filter.procedure = procedure;
  const sla = params.get("han");
  if (sla) filter.stepSlaState = sla as StepSlaState;
  const from = params.get("tu-ngay");
  if (from) filter.receivedFrom = from;
  const to = params.get("den-ngay");
  if (to) filter.receivedTo = to;
  const order = (params.get("sap-xep") as DossierOrder | null) ?? defaultOrder;
  return { filter, orderBy: order };
}

export function Filters({
  params,
  setParams,
  defaultOrder,
}: {
  params: URLSearchParams;
  setParams: SetURLSearchParams;
  defaultOrder: DossierOrder;
}) {
  const [{ data }] = useQuery({ query: ProceduresDocument });
  const [text, setText] = useState(params.get("q") ?? "");
  const [procedure, setProcedure] = useState(params.get("thu-tuc") ?? "");
  const [sla, setSla] = useState(params.get("han") ?? "");
  const [from, setFrom] = useState(params.get("tu-ngay") ? formatDay(params.get("tu-ngay")!) : "");
  const [to, setTo] = useState(params.get("den-ngay") ? formatDay(params.get("den-ngay")!) : "");
  const [order, setOrder] = useState(params.get("sap-xep") ?? defaultOrder);
  const fromDay = from ? parseDay(from) : "";
  const toDay = to ? parseDay(to) : "";

  function submit(event: FormEvent) {
    event.preventDefault();
    if (fromDay === null || toDay === null) return;
    const next = new URLSearchParams(params);
    for (const [key, value] of [
      ["q", text.trim()],
      ["thu-tuc", procedure],
      ["han", sla],
      ["tu-ngay", fromDay],
      ["den-ngay", toDay],
      ["sap-xep", order === defaultOrder ? "" : order],
    ] as const) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  }

  return (
    <form className="filters" onSubmit={submit} role="search" aria-label="Tìm kiếm hồ sơ">
      <Field label="Tìm kiếm" hint="Mã hồ sơ, họ tên (có hoặc không dấu) hoặc số định danh">
        {(id, describedBy) => (
          <input id={id} aria-describedby={describedBy} value={text} onChange={(e) => setText(e.target.value)} />
        )}
      </Field>
      <Field label="Thủ tục">
        {(id) => (
          <select id={id} value={procedure} onChange={(e) => setProcedure(e.target.value)}>
            <option value="">Tất cả</option>
            {data?.procedures.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Hạn xử lý">
        {(id) => (
          <select id={id} value={sla} onChange={(e) => setSla(e.target.value)}>
            <option value="">Tất cả</option>
            {["LATE", "DUE_SOON", "NOT_DUE", "PAUSED"].map((state) => (
              <option key={state} value={state}>
                {SLA_STATE[state]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Tiếp nhận từ ngày" problem={fromDay === null ? "ngày viết dd/MM/yyyy" : null}>
        {(id, describedBy) => (
          <input id={id} aria-describedby={describedBy} placeholder="dd/MM/yyyy" value={from} onChange={(e) => setFrom(e.target.value)} />
        )}
      </Field>
      <Field label="đến ngày" problem={toDay === null ? "ngày viết dd/MM/yyyy" : null}>
        {(id, describedBy) => (
          <input id={id} aria-describedby={describedBy} placeholder="dd/MM/yyyy" value={to} onChange={(e) => setTo(e.target.value)} />
        )}
      </Field>
      <Field label="Sắp xếp">
        {(id) => (
          <select id={id} value={order} onChange={(e) => setOrder(e.target.value)}>
            <option value="STEP_DUE_FIRST">Gấp nhất trước</option>
            <option value="RECENTLY_CHANGED">Mới thay đổi trước</option>
            <option value="RECEIVED_FIRST">Tiếp nhận sớm nhất trước</option>
          </select>
        )}
      </Field>
      <button type="submit">Tìm</button>
    </form>
  );
}
