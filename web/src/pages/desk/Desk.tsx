// The officer's desk (Đăng ký, giải quyết chính sách): the six folders with their counts and
// the late / due-soon share of those in progress, and the chosen folder's dossiers, most
// urgent first, with search and filters. The folders follow changes live: a dossier handed
// to the officer (or passed on by them) refreshes the counts and the list without a reload.
import { useEffect } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useQuery, useSubscription } from "urql";
import { graphql } from "../../gql";
import { apiError } from "../../api/errors";
import { ErrorNote } from "../../app/ui";
import { isReception, useMe } from "../../app/me";
import { FOLDERS, folderBySlug } from "./folders";
import { Filters, readListing } from "./filters";
import { ListingPage, usePager } from "./Pager";

const QueueCountsDocument = graphql(`
  query QueueCounts {
    myQueueCounts {
      toReceive inProgress inProgressLate inProgressDueSoon supplement resultArrived notReturned ineligibleOrRejected
    }
  }
`);

const MyDossiersDocument = graphql(`
  query MyDossiers($folder: DossierFolder!, $filter: DossierFilterInput, $orderBy: DossierOrder, $after: String) {
    myDossiers(folder: $folder, filter: $filter, orderBy: $orderBy, first: 20, after: $after) {
      totalCount
      totalCountExact
      pageInfo { hasNextPage endCursor }
      nodes {
        id code applicantName procedure { code name } status step { name } stepDueAt stepSlaState dueAt updatedAt
      }
    }
  }
`);

const QueueChangedDocument = graphql(`
  subscription QueueChanged {
    queueChanged { dossierId action arrived resync }
  }
`);

export function DeskPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const folder = folderBySlug(params.get("thu-muc"));
  const listing = readListing(params, "STEP_DUE_FIRST");
  const pager = usePager(params.toString());
  const [counts, refetchCounts] = useQuery({ query: QueueCountsDocument });
  const [list, refetchList] = useQuery({
    query: MyDossiersDocument,
    variables: { folder: folder.folder, filter: listing.filter, orderBy: listing.orderBy, after: pager.after },
  });
  const [live] = useSubscription({ query: QueueChangedDocument });
  const change = live.data?.queueChanged;
  useEffect(() => {
    if (!change) return;
    refetchCounts({ requestPolicy: "network-only" });
    refetchList({ requestPolicy: "network-only" });
  }, [change, refetchCounts, refetchList]);
  const c = counts.data?.myQueueCounts;
  const page = list.data?.myDossiers;

  return (
    <section className="desk">
      <div className="heading">
        <h1>Hồ sơ của tôi</h1>
        {isReception(me) && (
          <Link className="button primary" to="/ho-so/moi">
            Thêm mới hồ sơ
          </Link>
        )}
      </div>
      <nav className="folders" aria-label="Thư mục hồ sơ">
        {FOLDERS.map((f) => {
          const next = new URLSearchParams(params);
          next.set("thu-muc", f.slug);
          return (
            <Link
              key={f.slug}
              to={`?${next.toString()}`}
              className={f.slug === folder.slug ? "folder current" : "folder"}
              aria-current={f.slug === folder.slug ? "page" : undefined}
            >
              <span className="name">{f.name}</span>
              <span className="count" data-testid={`count-${f.slug}`}>
                {c ? f.count(c) : "…"}
              </span>
              {f.folder === "IN_PROGRESS" && c && (c.inProgressLate > 0 || c.inProgressDueSoon > 0) && (
                <span className="sla-counts">
                  {c.inProgressLate > 0 && <span className="badge sla-late">{c.inProgressLate} trễ hạn</span>}
                  {c.inProgressDueSoon > 0 && <span className="badge sla-due_soon">{c.inProgressDueSoon} sắp đến hạn</span>}
                </span>
              )}
            </Link>
          );
        })}
      </nav>
      {change?.arrived && (
        <p className="notice" role="status" data-testid="live-arrival">
          Có hồ sơ vừa chuyển đến đồng chí; danh sách đã được cập nhật.
        </p>
      )}
      <h2>{folder.name}</h2>
      <Filters key={folder.slug} params={params} setParams={setParams} defaultOrder="STEP_DUE_FIRST" />
      <ErrorNote error={apiError(list.error ?? counts.error)} />
      <ListingPage page={page} pager={pager} caption={folder.name} fetching={list.fetching} />
    </section>
  );
}
