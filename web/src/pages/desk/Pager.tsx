// Forward paging over a connection: the cursors of pages seen, so "Trang trước" goes back.
import { DossierTable, type DossierRow } from "./DossierTable";
import { useState } from "react";

export function usePager(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | null)[] }>({ key: resetKey, cursors: [null] });
  const cursors = state.key === resetKey ? state.cursors : [null];
  const after = cursors[cursors.length - 1] ?? null;
  return {
    after,
    page: cursors.length,
    next: (endCursor: string) => setState({ key: resetKey, cursors: [...cursors, endCursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}

export function Pager({
  page,
  hasNext,
  onNext,
  onPrevious,
  total,
  exact,
}: {
  page: number;
  hasNext: boolean;
  onNext: () => void;
  onPrevious: () => void;
  total: number;
  exact: boolean;
}) {
  return (
    <div className="pager">
      <span>
        {exact ? `${total.toLocaleString("vi-VN")} hồ sơ` : "Hơn 10.000 hồ sơ (thu hẹp bộ lọc để có số chính xác)"} · trang {page}
      </span>
      <button type="button" onClick={onPrevious} disabled={page <= 1}>
        Trang trước
      </button>
      <button type="button" onClick={onNext} disabled={!hasNext}>
        Trang sau
      </button>
    </div>
  );
}

interface ConnectionPage {
  nodes: DossierRow[];
  totalCount: number;
  totalCountExact: boolean;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** One page of a dossier listing with its pager, or "Đang tải…" while the first arrives. */
export function ListingPage({
  page,
  pager,
  caption,
  fetching,
}: {
  page: ConnectionPage | undefined;
  pager: ReturnType<typeof usePager>;
  caption: string;
  fetching: boolean;
}) {
  if (!page) return fetching ? <p className="loading">Đang tải…</p> : null;
  return (
    <>
      <DossierTable rows={page.nodes} caption={caption} />
      <Pager
        page={pager.page}
        hasNext={page.pageInfo.hasNextPage}
        onNext={() => page.pageInfo.endCursor && pager.next(page.pageInfo.endCursor)}
        onPrevious={pager.previous}
        total={page.totalCount}
        exact={page.totalCountExact}
      />
    </>
  );
}
