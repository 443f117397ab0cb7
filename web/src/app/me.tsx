// Who is signed in: the account, its roles at units, what they allow, and the tenant. Read
// once per page load (a role granted meanwhile shows on the next load).
import { createContext, type ReactNode, useContext } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import type { MeQuery } from "../gql/graphql";
import { apiError } from "../api/errors";
import { ErrorNote } from "./ui";

const MeDocument = graphql(`
  query Me {
    me {
      id
      username
      displayName
      roles { role title unitId }
      permissions { resource action }
    }
    tenant { code name fullName kind }
    tenants { code name fullName kind }
  }
`);

export type Me = MeQuery["me"] & { tenant: MeQuery["tenants"][number] };

const MeContext = createContext<Me | null>(null);

export function MeProvider({ children }: { children: ReactNode }) {
  const [{ data, error, fetching }] = useQuery({ query: MeDocument, requestPolicy: "network-only" });
  if (fetching && !data) return <p className="loading">Đang tải…</p>;
  // The ministry's analysts may not read `tenant` (FORBIDDEN): theirs is the national one.
  const tenant = data?.tenant ?? data?.tenants.find((t) => t.kind === "NATIONAL");
  if (!data?.me || !tenant) return <ErrorNote error={apiError(error)} />;
  return <MeContext.Provider value={{ ...data.me, tenant }}>{children}</MeContext.Provider>;
}

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe outside MeProvider");
  return me;
}

const DESK_ROLES = new Set([
  "COMMUNE_RECEPTION",
  "COMMUNE_SOCIAL",
  "COMMUNE_LEADER",
  "COMMUNE_CLERK",
  "DISTRICT_OFFICER",
  "DISTRICT_HEAD",
  "DISTRICT_LEADER",
  "DISTRICT_CLERK",
]);

export function can(me: Me, resource: string, action: string): boolean {
  return me.permissions.some((p) => p.resource === resource && p.action === action);
}

export function hasDesk(me: Me): boolean {
  return me.roles.some((r) => DESK_ROLES.has(r.role));
}

export function isReception(me: Me): boolean {
  return me.roles.some((r) => r.role === "COMMUNE_RECEPTION");
}

export function isClerk(me: Me): boolean {
  return me.roles.some((r) => r.role === "COMMUNE_CLERK" || r.role === "DISTRICT_CLERK");
}

export function administers(me: Me): boolean {
  return me.roles.some((r) => r.role === "PROVINCE_ADMIN" || r.role === "PLATFORM_ADMIN");
}

export function isPlatformAdmin(me: Me): boolean {
  return isNational(me) && me.roles.some((r) => r.role === "PLATFORM_ADMIN");
}

export function isNational(me: Me): boolean {
  return me.tenant.kind === "NATIONAL";
}

/** Where an officer lands after signing in. */
export function homePath(me: Me): string {
  if (isNational(me)) return "/bo/tinh";
  if (hasDesk(me)) return "/ho-so";
  if (administers(me)) return "/quan-tri/can-bo";
  return "/tra-cuu";
}
