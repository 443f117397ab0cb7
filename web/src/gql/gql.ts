/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      roles { role title unitId }\n      permissions { resource action }\n    }\n    tenant { code name fullName kind }\n    tenants { code name fullName kind }\n  }\n": typeof types.MeDocument,
    "\n  query Tenants {\n    tenants { code name fullName kind }\n  }\n": typeof types.TenantsDocument,
    "\n  query ConfigVersions {\n    configVersions(first: 50) {\n      totalCount\n      nodes { version contentHash publishedBy publishedAt changes { file added removed changed } }\n    }\n  }\n": typeof types.ConfigVersionsDocument,
    "\n  query Officer($id: ID!) {\n    officer(id: $id) { id username displayName locked lockedUntil roles { role title unitId } }\n    units(first: 100) { nodes { id fullName level validTo } }\n  }\n": typeof types.OfficerDocument,
    "\n  mutation Grant($officerId: ID!, $grant: RoleGrantInput!) { grantRole(officerId: $officerId, grant: $grant) { role unitId } }\n": typeof types.GrantDocument,
    "\n  mutation Revoke($officerId: ID!, $grant: RoleGrantInput!) { revokeRole(officerId: $officerId, grant: $grant) { role unitId } }\n": typeof types.RevokeDocument,
    "\n  mutation Lock($id: ID!) { lockAccount(officerId: $id) { id locked } }\n": typeof types.LockDocument,
    "\n  mutation Unlock($id: ID!) { unlockAccount(officerId: $id) { id locked lockedUntil } }\n": typeof types.UnlockDocument,
    "\n  query Officers($search: String, $after: String) {\n    officers(search: $search, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id username displayName locked lockedUntil roles { role title unitId } }\n    }\n  }\n": typeof types.OfficersDocument,
    "\n  query UnitRoots($asOf: NaiveDate) {\n    units(level: PROVINCE, asOf: $asOf, first: 10) { nodes { id code fullName level } }\n  }\n": typeof types.UnitRootsDocument,
    "\n  query UnitChildren($id: ID!, $asOf: NaiveDate) {\n    unit(id: $id) { id children(asOf: $asOf) { id code fullName level validFrom validTo } }\n  }\n": typeof types.UnitChildrenDocument,
    "\n  query UnitHistory($code: String!) {\n    unitHistory(code: $code) {\n      id fullName level validFrom validTo\n      mergedInto { id fullName }\n      mergedFrom { id fullName }\n    }\n  }\n": typeof types.UnitHistoryDocument,
    "\n  query QueueCounts {\n    myQueueCounts {\n      toReceive inProgress inProgressLate inProgressDueSoon supplement resultArrived notReturned ineligibleOrRejected\n    }\n  }\n": typeof types.QueueCountsDocument,
    "\n  query MyDossiers($folder: DossierFolder!, $filter: DossierFilterInput, $orderBy: DossierOrder, $after: String) {\n    myDossiers(folder: $folder, filter: $filter, orderBy: $orderBy, first: 20, after: $after) {\n      totalCount\n      totalCountExact\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id code applicantName procedure { code name } status step { name } stepDueAt stepSlaState dueAt updatedAt\n      }\n    }\n  }\n": typeof types.MyDossiersDocument,
    "\n  subscription QueueChanged {\n    queueChanged { dossierId action arrived resync }\n  }\n": typeof types.QueueChangedDocument,
    "\n  query Dossiers($filter: DossierFilterInput, $orderBy: DossierOrder, $after: String) {\n    dossiers(filter: $filter, orderBy: $orderBy, first: 20, after: $after) {\n      totalCount\n      totalCountExact\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id code applicantName procedure { code name } status step { name } stepDueAt stepSlaState dueAt\n        holder { displayName } updatedAt\n      }\n    }\n  }\n": typeof types.DossiersDocument,
    "\n  query Procedures {\n    procedures { code name }\n  }\n": typeof types.ProceduresDocument,
    "\n  query NewDossierOptions {\n    procedures { code name }\n    units(level: COMMUNE, first: 100) { nodes { id fullName validTo } }\n  }\n": typeof types.NewDossierOptionsDocument,
    "\n  mutation CreateDossier($procedure: String!, $unitId: ID!, $applicantName: String!, $applicantIdNumber: String, $fields: [DossierFieldInput!]) {\n    createDossier(procedure: $procedure, unitId: $unitId, applicantName: $applicantName, applicantIdNumber: $applicantIdNumber, fields: $fields) {\n      id code\n    }\n  }\n": typeof types.CreateDossierDocument,
    "\n  query Dossier($id: ID!) {\n    dossier(id: $id) {\n      id code procedure { code name components { code name required when accepts } } workflow status step { code name roleTitle } holderId\n      holder { displayName } unitId unit { fullName }\n      applicantName personalDataWithheld applicantIdNumber createdAt updatedAt receivedAt\n      stepDueAt dueAt supplementRemindAt supplementLapseAt stepSlaState decisionNumber sourceDossierId resultLookupCode\n      fields { name value }\n      attachments {\n        id component provenance fileName mediaType sizeBytes sha256 paperReason reusedFromId addedAt\n        addedBy { displayName } download { url }\n      }\n      documents {\n        id stage revision sizeBytes sha256 createdAt reason download { url }\n        signatures { field signer organization signedAt seal }\n      }\n      nextActions { action toStep }\n      sla {\n        overall { budget startedAt dueAt warnAt finishedAt paused status\n          explanation { date kind reason counted countedMinutes notes } }\n        steps { step budget startedAt dueAt finishedAt paused status }\n      }\n      timeline {\n        version action actorName actingForName at status step note reason missing handlerName decisionNumber handover\n        newAppointment previousAppointment waitedDays\n        changes { name from to }\n      }\n    }\n  }\n": typeof types.DossierDocument,
    "\n  mutation Reissue($id: ID!, $reason: String!) { reissueDecision(id: $id, reason: $reason) { id } }\n": typeof types.ReissueDocument,
    "\n  query SigningAuthorities { signingAuthorities }\n": typeof types.SigningAuthoritiesDocument,
    "\n  query StepHandlers($dossierId: ID!, $step: String) {\n    stepHandlers(dossierId: $dossierId, step: $step) {\n      step stepName positionTitle unitName problem\n      officers { id username displayName }\n      deputies { id username displayName }\n    }\n  }\n": typeof types.StepHandlersDocument,
    "\n  mutation Receive($id: ID!, $note: String) { receiveDossier(id: $id, note: $note) { id status step { code name } holder { displayName } } }\n": typeof types.ReceiveDocument,
    "\n  mutation Delete($id: ID!) { deleteDossier(id: $id) { id status } }\n": typeof types.DeleteDocument,
    "\n  mutation Forward($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {\n    forwardDossier(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } }\n  }\n": typeof types.ForwardDocument,
    "\n  mutation RequestSupplement($id: ID!, $missing: [String!]!, $note: String) {\n    requestSupplement(id: $id, missing: $missing, note: $note) { id status step { code name } holder { displayName } }\n  }\n": typeof types.RequestSupplementDocument,
    "\n  mutation ReceiveSupplement($id: ID!, $note: String) { receiveSupplement(id: $id, note: $note) { id status step { code name } holder { displayName } } }\n": typeof types.ReceiveSupplementDocument,
    "\n  mutation SendBack($id: ID!, $toStep: String!, $handlerId: ID, $reason: String!) {\n    sendBackDossier(id: $id, toStep: $toStep, handlerId: $handlerId, reason: $reason) { id status step { code name } holder { displayName } }\n  }\n": typeof types.SendBackDocument,
    "\n  mutation AcceptRework($id: ID!, $note: String) { acceptRework(id: $id, note: $note) { id status step { code name } holder { displayName } } }\n": typeof types.AcceptReworkDocument,
    "\n  mutation ReturnIneligible($id: ID!, $reason: String!) { returnIneligible(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }\n": typeof types.ReturnIneligibleDocument,
    "\n  mutation Reject($id: ID!, $reason: String!) { rejectDossier(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }\n": typeof types.RejectDocument,
    "\n  mutation Sign($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {\n    signDossier(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } }\n  }\n": typeof types.SignDocument,
    "\n  mutation Issue($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {\n    issueDecision(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } decisionNumber }\n  }\n": typeof types.IssueDocument,
    "\n  mutation ReturnResult($id: ID!, $handover: ResultHandover!, $note: String) { returnResult(id: $id, handover: $handover, note: $note) { id status step { code name } holder { displayName } } }\n": typeof types.ReturnResultDocument,
    "\n  mutation ExtendAppointment($id: ID!, $until: NaiveDate!, $reason: String!) {\n    extendAppointment(id: $id, until: $until, reason: $reason) { id status dueAt }\n  }\n": typeof types.ExtendAppointmentDocument,
    "\n  mutation Withdraw($id: ID!, $reason: String!) { withdrawDossier(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }\n": typeof types.WithdrawDocument,
    "\n  mutation Copy($id: ID!) { copyDossier(id: $id) { id code } }\n": typeof types.CopyDocument,
    "\n  mutation Update($id: ID!, $input: DossierUpdateInput!, $note: String) {\n    updateDossier(id: $id, input: $input, note: $note) { id status }\n  }\n": typeof types.UpdateDocument,
    "\n  mutation AttachFiles($dossierId: ID!, $component: String!, $files: [Upload!]!, $origin: UploadKind) {\n    attachFiles(dossierId: $dossierId, component: $component, files: $files, origin: $origin) { id fileName sha256 }\n  }\n": typeof types.AttachFilesDocument,
    "\n  mutation KeepOnPaper($dossierId: ID!, $component: String!, $reason: String!) {\n    keepComponentOnPaper(dossierId: $dossierId, component: $component, reason: $reason) { id }\n  }\n": typeof types.KeepOnPaperDocument,
    "\n  mutation RemoveAttachment($id: ID!) { removeAttachment(id: $id) { id } }\n": typeof types.RemoveAttachmentDocument,
    "\n  query ReusableDocuments($dossierId: ID!) {\n    reusableDocuments(dossierId: $dossierId) { id component fileName addedAt }\n  }\n": typeof types.ReusableDocumentsDocument,
    "\n  mutation ReuseDocument($dossierId: ID!, $component: String!, $sourceId: ID!) {\n    reuseDocument(dossierId: $dossierId, component: $component, sourceId: $sourceId) { id }\n  }\n": typeof types.ReuseDocumentDocument,
    "\n  query DocumentDraft($dossierId: ID!, $kind: DocumentKind!) {\n    documentDraft(dossierId: $dossierId, kind: $kind) { templateName pages sizeBytes missingFields download { url } }\n  }\n": typeof types.DocumentDraftDocument,
    "\n  subscription DossierChanged($id: ID!) {\n    dossierChanged(id: $id) { dossierId version action }\n  }\n": typeof types.DossierChangedDocument,
    "\n  query Background($tenant: String!) {\n    tenants { code fullName kind }\n    backgroundStatus(tenant: $tenant) {\n      tenant outboxDepth outboxOldest pendingMessages deadMessages sentMessages oldestPending\n      jobs { job schedule recentFailures nextRun lastRun { tick worker startedAt finishedAt outcome detail } }\n    }\n    outgoingMessages(tenant: $tenant, status: DEAD, first: 50) {\n      id kind recipientHint subject attempts lastError nextAttemptAt dossierId\n    }\n  }\n": typeof types.BackgroundDocument,
    "\n  mutation RetryMessage($tenant: String!, $id: ID!) {\n    retryMessage(tenant: $tenant, id: $id)\n  }\n": typeof types.RetryMessageDocument,
    "\n  query Provinces { tenants { code name fullName kind } }\n": typeof types.ProvincesDocument,
    "\n  mutation ChangePassword($current: String!, $next: String!) {\n    changePassword(currentPassword: $current, newPassword: $next)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query Offices { offices { code name } }\n": typeof types.OfficesDocument,
    "\n  query PreviewDue($office: String!, $start: DateTime!, $budget: String!) {\n    previewDue(office: $office, start: $start, budget: $budget) {\n      receivedAt effectiveStart due warnAt countsWholeDays\n      explanation { date kind reason counted countedMinutes notes }\n    }\n  }\n": typeof types.PreviewDueDocument,
    "\n  query NoticeSettings {\n    me { id displayName phone idNumber email }\n    noticeSettings { kind enabled optional }\n  }\n": typeof types.NoticeSettingsDocument,
    "\n  mutation SetNoticeSetting($kind: NoticeKind!, $enabled: Boolean!) {\n    setNoticeSetting(kind: $kind, enabled: $enabled) { kind enabled optional }\n  }\n": typeof types.SetNoticeSettingDocument,
    "\n  mutation UpdateEmail($displayName: String!, $phone: String, $idNumber: String, $email: String) {\n    updateProfile(displayName: $displayName, phone: $phone, idNumber: $idNumber, email: $email) { id email }\n  }\n": typeof types.UpdateEmailDocument,
    "\n  query ProcessSetup {\n    procedures {\n      code name legalBasis statutoryTotals { validFrom validTo workingHours legalBasis }\n      components { code name required when accepts addedByProvince }\n    }\n    workflows {\n      code name procedure validFrom validTo totalWorkingHours\n      steps { code name level roleTitle budgetHours warnBeforeHours actions { action to } }\n    }\n  }\n": typeof types.ProcessSetupDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      roles { role title unitId }\n      permissions { resource action }\n    }\n    tenant { code name fullName kind }\n    tenants { code name fullName kind }\n  }\n": types.MeDocument,
    "\n  query Tenants {\n    tenants { code name fullName kind }\n  }\n": types.TenantsDocument,
    "\n  query ConfigVersions {\n    configVersions(first: 50) {\n      totalCount\n      nodes { version contentHash publishedBy publishedAt changes { file added removed changed } }\n    }\n  }\n": types.ConfigVersionsDocument,
    "\n  query Officer($id: ID!) {\n    officer(id: $id) { id username displayName locked lockedUntil roles { role title unitId } }\n    units(first: 100) { nodes { id fullName level validTo } }\n  }\n": types.OfficerDocument,
    "\n  mutation Grant($officerId: ID!, $grant: RoleGrantInput!) { grantRole(officerId: $officerId, grant: $grant) { role unitId } }\n": types.GrantDocument,
    "\n  mutation Revoke($officerId: ID!, $grant: RoleGrantInput!) { revokeRole(officerId: $officerId, grant: $grant) { role unitId } }\n": types.RevokeDocument,
    "\n  mutation Lock($id: ID!) { lockAccount(officerId: $id) { id locked } }\n": types.LockDocument,
    "\n  mutation Unlock($id: ID!) { unlockAccount(officerId: $id) { id locked lockedUntil } }\n": types.UnlockDocument,
    "\n  query Officers($search: String, $after: String) {\n    officers(search: $search, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id username displayName locked lockedUntil roles { role title unitId } }\n    }\n  }\n": types.OfficersDocument,
    "\n  query UnitRoots($asOf: NaiveDate) {\n    units(level: PROVINCE, asOf: $asOf, first: 10) { nodes { id code fullName level } }\n  }\n": types.UnitRootsDocument,
    "\n  query UnitChildren($id: ID!, $asOf: NaiveDate) {\n    unit(id: $id) { id children(asOf: $asOf) { id code fullName level validFrom validTo } }\n  }\n": types.UnitChildrenDocument,
    "\n  query UnitHistory($code: String!) {\n    unitHistory(code: $code) {\n      id fullName level validFrom validTo\n      mergedInto { id fullName }\n      mergedFrom { id fullName }\n    }\n  }\n": types.UnitHistoryDocument,
    "\n  query QueueCounts {\n    myQueueCounts {\n      toReceive inProgress inProgressLate inProgressDueSoon supplement resultArrived notReturned ineligibleOrRejected\n    }\n  }\n": types.QueueCountsDocument,
    "\n  query MyDossiers($folder: DossierFolder!, $filter: DossierFilterInput, $orderBy: DossierOrder, $after: String) {\n    myDossiers(folder: $folder, filter: $filter, orderBy: $orderBy, first: 20, after: $after) {\n      totalCount\n      totalCountExact\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id code applicantName procedure { code name } status step { name } stepDueAt stepSlaState dueAt updatedAt\n      }\n    }\n  }\n": types.MyDossiersDocument,
    "\n  subscription QueueChanged {\n    queueChanged { dossierId action arrived resync }\n  }\n": types.QueueChangedDocument,
    "\n  query Dossiers($filter: DossierFilterInput, $orderBy: DossierOrder, $after: String) {\n    dossiers(filter: $filter, orderBy: $orderBy, first: 20, after: $after) {\n      totalCount\n      totalCountExact\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id code applicantName procedure { code name } status step { name } stepDueAt stepSlaState dueAt\n        holder { displayName } updatedAt\n      }\n    }\n  }\n": types.DossiersDocument,
    "\n  query Procedures {\n    procedures { code name }\n  }\n": types.ProceduresDocument,
    "\n  query NewDossierOptions {\n    procedures { code name }\n    units(level: COMMUNE, first: 100) { nodes { id fullName validTo } }\n  }\n": types.NewDossierOptionsDocument,
    "\n  mutation CreateDossier($procedure: String!, $unitId: ID!, $applicantName: String!, $applicantIdNumber: String, $fields: [DossierFieldInput!]) {\n    createDossier(procedure: $procedure, unitId: $unitId, applicantName: $applicantName, applicantIdNumber: $applicantIdNumber, fields: $fields) {\n      id code\n    }\n  }\n": types.CreateDossierDocument,
    "\n  query Dossier($id: ID!) {\n    dossier(id: $id) {\n      id code procedure { code name components { code name required when accepts } } workflow status step { code name roleTitle } holderId\n      holder { displayName } unitId unit { fullName }\n      applicantName personalDataWithheld applicantIdNumber createdAt updatedAt receivedAt\n      stepDueAt dueAt supplementRemindAt supplementLapseAt stepSlaState decisionNumber sourceDossierId resultLookupCode\n      fields { name value }\n      attachments {\n        id component provenance fileName mediaType sizeBytes sha256 paperReason reusedFromId addedAt\n        addedBy { displayName } download { url }\n      }\n      documents {\n        id stage revision sizeBytes sha256 createdAt reason download { url }\n        signatures { field signer organization signedAt seal }\n      }\n      nextActions { action toStep }\n      sla {\n        overall { budget startedAt dueAt warnAt finishedAt paused status\n          explanation { date kind reason counted countedMinutes notes } }\n        steps { step budget startedAt dueAt finishedAt paused status }\n      }\n      timeline {\n        version action actorName actingForName at status step note reason missing handlerName decisionNumber handover\n        newAppointment previousAppointment waitedDays\n        changes { name from to }\n      }\n    }\n  }\n": types.DossierDocument,
    "\n  mutation Reissue($id: ID!, $reason: String!) { reissueDecision(id: $id, reason: $reason) { id } }\n": types.ReissueDocument,
    "\n  query SigningAuthorities { signingAuthorities }\n": types.SigningAuthoritiesDocument,
    "\n  query StepHandlers($dossierId: ID!, $step: String) {\n    stepHandlers(dossierId: $dossierId, step: $step) {\n      step stepName positionTitle unitName problem\n      officers { id username displayName }\n      deputies { id username displayName }\n    }\n  }\n": types.StepHandlersDocument,
    "\n  mutation Receive($id: ID!, $note: String) { receiveDossier(id: $id, note: $note) { id status step { code name } holder { displayName } } }\n": types.ReceiveDocument,
    "\n  mutation Delete($id: ID!) { deleteDossier(id: $id) { id status } }\n": types.DeleteDocument,
    "\n  mutation Forward($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {\n    forwardDossier(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } }\n  }\n": types.ForwardDocument,
    "\n  mutation RequestSupplement($id: ID!, $missing: [String!]!, $note: String) {\n    requestSupplement(id: $id, missing: $missing, note: $note) { id status step { code name } holder { displayName } }\n  }\n": types.RequestSupplementDocument,
    "\n  mutation ReceiveSupplement($id: ID!, $note: String) { receiveSupplement(id: $id, note: $note) { id status step { code name } holder { displayName } } }\n": types.ReceiveSupplementDocument,
    "\n  mutation SendBack($id: ID!, $toStep: String!, $handlerId: ID, $reason: String!) {\n    sendBackDossier(id: $id, toStep: $toStep, handlerId: $handlerId, reason: $reason) { id status step { code name } holder { displayName } }\n  }\n": types.SendBackDocument,
    "\n  mutation AcceptRework($id: ID!, $note: String) { acceptRework(id: $id, note: $note) { id status step { code name } holder { displayName } } }\n": types.AcceptReworkDocument,
    "\n  mutation ReturnIneligible($id: ID!, $reason: String!) { returnIneligible(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }\n": types.ReturnIneligibleDocument,
    "\n  mutation Reject($id: ID!, $reason: String!) { rejectDossier(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }\n": types.RejectDocument,
    "\n  mutation Sign($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {\n    signDossier(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } }\n  }\n": types.SignDocument,
    "\n  mutation Issue($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {\n    issueDecision(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } decisionNumber }\n  }\n": types.IssueDocument,
    "\n  mutation ReturnResult($id: ID!, $handover: ResultHandover!, $note: String) { returnResult(id: $id, handover: $handover, note: $note) { id status step { code name } holder { displayName } } }\n": types.ReturnResultDocument,
    "\n  mutation ExtendAppointment($id: ID!, $until: NaiveDate!, $reason: String!) {\n    extendAppointment(id: $id, until: $until, reason: $reason) { id status dueAt }\n  }\n": types.ExtendAppointmentDocument,
    "\n  mutation Withdraw($id: ID!, $reason: String!) { withdrawDossier(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }\n": types.WithdrawDocument,
    "\n  mutation Copy($id: ID!) { copyDossier(id: $id) { id code } }\n": types.CopyDocument,
    "\n  mutation Update($id: ID!, $input: DossierUpdateInput!, $note: String) {\n    updateDossier(id: $id, input: $input, note: $note) { id status }\n  }\n": types.UpdateDocument,
    "\n  mutation AttachFiles($dossierId: ID!, $component: String!, $files: [Upload!]!, $origin: UploadKind) {\n    attachFiles(dossierId: $dossierId, component: $component, files: $files, origin: $origin) { id fileName sha256 }\n  }\n": types.AttachFilesDocument,
    "\n  mutation KeepOnPaper($dossierId: ID!, $component: String!, $reason: String!) {\n    keepComponentOnPaper(dossierId: $dossierId, component: $component, reason: $reason) { id }\n  }\n": types.KeepOnPaperDocument,
    "\n  mutation RemoveAttachment($id: ID!) { removeAttachment(id: $id) { id } }\n": types.RemoveAttachmentDocument,
    "\n  query ReusableDocuments($dossierId: ID!) {\n    reusableDocuments(dossierId: $dossierId) { id component fileName addedAt }\n  }\n": types.ReusableDocumentsDocument,
    "\n  mutation ReuseDocument($dossierId: ID!, $component: String!, $sourceId: ID!) {\n    reuseDocument(dossierId: $dossierId, component: $component, sourceId: $sourceId) { id }\n  }\n": types.ReuseDocumentDocument,
    "\n  query DocumentDraft($dossierId: ID!, $kind: DocumentKind!) {\n    documentDraft(dossierId: $dossierId, kind: $kind) { templateName pages sizeBytes missingFields download { url } }\n  }\n": types.DocumentDraftDocument,
    "\n  subscription DossierChanged($id: ID!) {\n    dossierChanged(id: $id) { dossierId version action }\n  }\n": types.DossierChangedDocument,
    "\n  query Background($tenant: String!) {\n    tenants { code fullName kind }\n    backgroundStatus(tenant: $tenant) {\n      tenant outboxDepth outboxOldest pendingMessages deadMessages sentMessages oldestPending\n      jobs { job schedule recentFailures nextRun lastRun { tick worker startedAt finishedAt outcome detail } }\n    }\n    outgoingMessages(tenant: $tenant, status: DEAD, first: 50) {\n      id kind recipientHint subject attempts lastError nextAttemptAt dossierId\n    }\n  }\n": types.BackgroundDocument,
    "\n  mutation RetryMessage($tenant: String!, $id: ID!) {\n    retryMessage(tenant: $tenant, id: $id)\n  }\n": types.RetryMessageDocument,
    "\n  query Provinces { tenants { code name fullName kind } }\n": types.ProvincesDocument,
    "\n  mutation ChangePassword($current: String!, $next: String!) {\n    changePassword(currentPassword: $current, newPassword: $next)\n  }\n": types.ChangePasswordDocument,
    "\n  query Offices { offices { code name } }\n": types.OfficesDocument,
    "\n  query PreviewDue($office: String!, $start: DateTime!, $budget: String!) {\n    previewDue(office: $office, start: $start, budget: $budget) {\n      receivedAt effectiveStart due warnAt countsWholeDays\n      explanation { date kind reason counted countedMinutes notes }\n    }\n  }\n": types.PreviewDueDocument,
    "\n  query NoticeSettings {\n    me { id displayName phone idNumber email }\n    noticeSettings { kind enabled optional }\n  }\n": types.NoticeSettingsDocument,
    "\n  mutation SetNoticeSetting($kind: NoticeKind!, $enabled: Boolean!) {\n    setNoticeSetting(kind: $kind, enabled: $enabled) { kind enabled optional }\n  }\n": types.SetNoticeSettingDocument,
    "\n  mutation UpdateEmail($displayName: String!, $phone: String, $idNumber: String, $email: String) {\n    updateProfile(displayName: $displayName, phone: $phone, idNumber: $idNumber, email: $email) { id email }\n  }\n": types.UpdateEmailDocument,
    "\n  query ProcessSetup {\n    procedures {\n      code name legalBasis statutoryTotals { validFrom validTo workingHours legalBasis }\n      components { code name required when accepts addedByProvince }\n    }\n    workflows {\n      code name procedure validFrom validTo totalWorkingHours\n      steps { code name level roleTitle budgetHours warnBeforeHours actions { action to } }\n    }\n  }\n": types.ProcessSetupDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      roles { role title unitId }\n      permissions { resource action }\n    }\n    tenant { code name fullName kind }\n    tenants { code name fullName kind }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      username\n      displayName\n      roles { role title unitId }\n      permissions { resource action }\n    }\n    tenant { code name fullName kind }\n    tenants { code name fullName kind }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tenants {\n    tenants { code name fullName kind }\n  }\n"): (typeof documents)["\n  query Tenants {\n    tenants { code name fullName kind }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConfigVersions {\n    configVersions(first: 50) {\n      totalCount\n      nodes { version contentHash publishedBy publishedAt changes { file added removed changed } }\n    }\n  }\n"): (typeof documents)["\n  query ConfigVersions {\n    configVersions(first: 50) {\n      totalCount\n      nodes { version contentHash publishedBy publishedAt changes { file added removed changed } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Officer($id: ID!) {\n    officer(id: $id) { id username displayName locked lockedUntil roles { role title unitId } }\n    units(first: 100) { nodes { id fullName level validTo } }\n  }\n"): (typeof documents)["\n  query Officer($id: ID!) {\n    officer(id: $id) { id username displayName locked lockedUntil roles { role title unitId } }\n    units(first: 100) { nodes { id fullName level validTo } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Grant($officerId: ID!, $grant: RoleGrantInput!) { grantRole(officerId: $officerId, grant: $grant) { role unitId } }\n"): (typeof documents)["\n  mutation Grant($officerId: ID!, $grant: RoleGrantInput!) { grantRole(officerId: $officerId, grant: $grant) { role unitId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Revoke($officerId: ID!, $grant: RoleGrantInput!) { revokeRole(officerId: $officerId, grant: $grant) { role unitId } }\n"): (typeof documents)["\n  mutation Revoke($officerId: ID!, $grant: RoleGrantInput!) { revokeRole(officerId: $officerId, grant: $grant) { role unitId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Lock($id: ID!) { lockAccount(officerId: $id) { id locked } }\n"): (typeof documents)["\n  mutation Lock($id: ID!) { lockAccount(officerId: $id) { id locked } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unlock($id: ID!) { unlockAccount(officerId: $id) { id locked lockedUntil } }\n"): (typeof documents)["\n  mutation Unlock($id: ID!) { unlockAccount(officerId: $id) { id locked lockedUntil } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Officers($search: String, $after: String) {\n    officers(search: $search, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id username displayName locked lockedUntil roles { role title unitId } }\n    }\n  }\n"): (typeof documents)["\n  query Officers($search: String, $after: String) {\n    officers(search: $search, first: 50, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id username displayName locked lockedUntil roles { role title unitId } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitRoots($asOf: NaiveDate) {\n    units(level: PROVINCE, asOf: $asOf, first: 10) { nodes { id code fullName level } }\n  }\n"): (typeof documents)["\n  query UnitRoots($asOf: NaiveDate) {\n    units(level: PROVINCE, asOf: $asOf, first: 10) { nodes { id code fullName level } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitChildren($id: ID!, $asOf: NaiveDate) {\n    unit(id: $id) { id children(asOf: $asOf) { id code fullName level validFrom validTo } }\n  }\n"): (typeof documents)["\n  query UnitChildren($id: ID!, $asOf: NaiveDate) {\n    unit(id: $id) { id children(asOf: $asOf) { id code fullName level validFrom validTo } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitHistory($code: String!) {\n    unitHistory(code: $code) {\n      id fullName level validFrom validTo\n      mergedInto { id fullName }\n      mergedFrom { id fullName }\n    }\n  }\n"): (typeof documents)["\n  query UnitHistory($code: String!) {\n    unitHistory(code: $code) {\n      id fullName level validFrom validTo\n      mergedInto { id fullName }\n      mergedFrom { id fullName }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueueCounts {\n    myQueueCounts {\n      toReceive inProgress inProgressLate inProgressDueSoon supplement resultArrived notReturned ineligibleOrRejected\n    }\n  }\n"): (typeof documents)["\n  query QueueCounts {\n    myQueueCounts {\n      toReceive inProgress inProgressLate inProgressDueSoon supplement resultArrived notReturned ineligibleOrRejected\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyDossiers($folder: DossierFolder!, $filter: DossierFilterInput, $orderBy: DossierOrder, $after: String) {\n    myDossiers(folder: $folder, filter: $filter, orderBy: $orderBy, first: 20, after: $after) {\n      totalCount\n      totalCountExact\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id code applicantName procedure { code name } status step { name } stepDueAt stepSlaState dueAt updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyDossiers($folder: DossierFolder!, $filter: DossierFilterInput, $orderBy: DossierOrder, $after: String) {\n    myDossiers(folder: $folder, filter: $filter, orderBy: $orderBy, first: 20, after: $after) {\n      totalCount\n      totalCountExact\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id code applicantName procedure { code name } status step { name } stepDueAt stepSlaState dueAt updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription QueueChanged {\n    queueChanged { dossierId action arrived resync }\n  }\n"): (typeof documents)["\n  subscription QueueChanged {\n    queueChanged { dossierId action arrived resync }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dossiers($filter: DossierFilterInput, $orderBy: DossierOrder, $after: String) {\n    dossiers(filter: $filter, orderBy: $orderBy, first: 20, after: $after) {\n      totalCount\n      totalCountExact\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id code applicantName procedure { code name } status step { name } stepDueAt stepSlaState dueAt\n        holder { displayName } updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Dossiers($filter: DossierFilterInput, $orderBy: DossierOrder, $after: String) {\n    dossiers(filter: $filter, orderBy: $orderBy, first: 20, after: $after) {\n      totalCount\n      totalCountExact\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id code applicantName procedure { code name } status step { name } stepDueAt stepSlaState dueAt\n        holder { displayName } updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Procedures {\n    procedures { code name }\n  }\n"): (typeof documents)["\n  query Procedures {\n    procedures { code name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NewDossierOptions {\n    procedures { code name }\n    units(level: COMMUNE, first: 100) { nodes { id fullName validTo } }\n  }\n"): (typeof documents)["\n  query NewDossierOptions {\n    procedures { code name }\n    units(level: COMMUNE, first: 100) { nodes { id fullName validTo } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDossier($procedure: String!, $unitId: ID!, $applicantName: String!, $applicantIdNumber: String, $fields: [DossierFieldInput!]) {\n    createDossier(procedure: $procedure, unitId: $unitId, applicantName: $applicantName, applicantIdNumber: $applicantIdNumber, fields: $fields) {\n      id code\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDossier($procedure: String!, $unitId: ID!, $applicantName: String!, $applicantIdNumber: String, $fields: [DossierFieldInput!]) {\n    createDossier(procedure: $procedure, unitId: $unitId, applicantName: $applicantName, applicantIdNumber: $applicantIdNumber, fields: $fields) {\n      id code\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dossier($id: ID!) {\n    dossier(id: $id) {\n      id code procedure { code name components { code name required when accepts } } workflow status step { code name roleTitle } holderId\n      holder { displayName } unitId unit { fullName }\n      applicantName personalDataWithheld applicantIdNumber createdAt updatedAt receivedAt\n      stepDueAt dueAt supplementRemindAt supplementLapseAt stepSlaState decisionNumber sourceDossierId resultLookupCode\n      fields { name value }\n      attachments {\n        id component provenance fileName mediaType sizeBytes sha256 paperReason reusedFromId addedAt\n        addedBy { displayName } download { url }\n      }\n      documents {\n        id stage revision sizeBytes sha256 createdAt reason download { url }\n        signatures { field signer organization signedAt seal }\n      }\n      nextActions { action toStep }\n      sla {\n        overall { budget startedAt dueAt warnAt finishedAt paused status\n          explanation { date kind reason counted countedMinutes notes } }\n        steps { step budget startedAt dueAt finishedAt paused status }\n      }\n      timeline {\n        version action actorName actingForName at status step note reason missing handlerName decisionNumber handover\n        newAppointment previousAppointment waitedDays\n        changes { name from to }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Dossier($id: ID!) {\n    dossier(id: $id) {\n      id code procedure { code name components { code name required when accepts } } workflow status step { code name roleTitle } holderId\n      holder { displayName } unitId unit { fullName }\n      applicantName personalDataWithheld applicantIdNumber createdAt updatedAt receivedAt\n      stepDueAt dueAt supplementRemindAt supplementLapseAt stepSlaState decisionNumber sourceDossierId resultLookupCode\n      fields { name value }\n      attachments {\n        id component provenance fileName mediaType sizeBytes sha256 paperReason reusedFromId addedAt\n        addedBy { displayName } download { url }\n      }\n      documents {\n        id stage revision sizeBytes sha256 createdAt reason download { url }\n        signatures { field signer organization signedAt seal }\n      }\n      nextActions { action toStep }\n      sla {\n        overall { budget startedAt dueAt warnAt finishedAt paused status\n          explanation { date kind reason counted countedMinutes notes } }\n        steps { step budget startedAt dueAt finishedAt paused status }\n      }\n      timeline {\n        version action actorName actingForName at status step note reason missing handlerName decisionNumber handover\n        newAppointment previousAppointment waitedDays\n        changes { name from to }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Reissue($id: ID!, $reason: String!) { reissueDecision(id: $id, reason: $reason) { id } }\n"): (typeof documents)["\n  mutation Reissue($id: ID!, $reason: String!) { reissueDecision(id: $id, reason: $reason) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SigningAuthorities { signingAuthorities }\n"): (typeof documents)["\n  query SigningAuthorities { signingAuthorities }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StepHandlers($dossierId: ID!, $step: String) {\n    stepHandlers(dossierId: $dossierId, step: $step) {\n      step stepName positionTitle unitName problem\n      officers { id username displayName }\n      deputies { id username displayName }\n    }\n  }\n"): (typeof documents)["\n  query StepHandlers($dossierId: ID!, $step: String) {\n    stepHandlers(dossierId: $dossierId, step: $step) {\n      step stepName positionTitle unitName problem\n      officers { id username displayName }\n      deputies { id username displayName }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Receive($id: ID!, $note: String) { receiveDossier(id: $id, note: $note) { id status step { code name } holder { displayName } } }\n"): (typeof documents)["\n  mutation Receive($id: ID!, $note: String) { receiveDossier(id: $id, note: $note) { id status step { code name } holder { displayName } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Delete($id: ID!) { deleteDossier(id: $id) { id status } }\n"): (typeof documents)["\n  mutation Delete($id: ID!) { deleteDossier(id: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Forward($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {\n    forwardDossier(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } }\n  }\n"): (typeof documents)["\n  mutation Forward($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {\n    forwardDossier(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestSupplement($id: ID!, $missing: [String!]!, $note: String) {\n    requestSupplement(id: $id, missing: $missing, note: $note) { id status step { code name } holder { displayName } }\n  }\n"): (typeof documents)["\n  mutation RequestSupplement($id: ID!, $missing: [String!]!, $note: String) {\n    requestSupplement(id: $id, missing: $missing, note: $note) { id status step { code name } holder { displayName } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReceiveSupplement($id: ID!, $note: String) { receiveSupplement(id: $id, note: $note) { id status step { code name } holder { displayName } } }\n"): (typeof documents)["\n  mutation ReceiveSupplement($id: ID!, $note: String) { receiveSupplement(id: $id, note: $note) { id status step { code name } holder { displayName } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendBack($id: ID!, $toStep: String!, $handlerId: ID, $reason: String!) {\n    sendBackDossier(id: $id, toStep: $toStep, handlerId: $handlerId, reason: $reason) { id status step { code name } holder { displayName } }\n  }\n"): (typeof documents)["\n  mutation SendBack($id: ID!, $toStep: String!, $handlerId: ID, $reason: String!) {\n    sendBackDossier(id: $id, toStep: $toStep, handlerId: $handlerId, reason: $reason) { id status step { code name } holder { displayName } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptRework($id: ID!, $note: String) { acceptRework(id: $id, note: $note) { id status step { code name } holder { displayName } } }\n"): (typeof documents)["\n  mutation AcceptRework($id: ID!, $note: String) { acceptRework(id: $id, note: $note) { id status step { code name } holder { displayName } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReturnIneligible($id: ID!, $reason: String!) { returnIneligible(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }\n"): (typeof documents)["\n  mutation ReturnIneligible($id: ID!, $reason: String!) { returnIneligible(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Reject($id: ID!, $reason: String!) { rejectDossier(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }\n"): (typeof documents)["\n  mutation Reject($id: ID!, $reason: String!) { rejectDossier(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Sign($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {\n    signDossier(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } }\n  }\n"): (typeof documents)["\n  mutation Sign($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {\n    signDossier(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Issue($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {\n    issueDecision(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } decisionNumber }\n  }\n"): (typeof documents)["\n  mutation Issue($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {\n    issueDecision(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } decisionNumber }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReturnResult($id: ID!, $handover: ResultHandover!, $note: String) { returnResult(id: $id, handover: $handover, note: $note) { id status step { code name } holder { displayName } } }\n"): (typeof documents)["\n  mutation ReturnResult($id: ID!, $handover: ResultHandover!, $note: String) { returnResult(id: $id, handover: $handover, note: $note) { id status step { code name } holder { displayName } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExtendAppointment($id: ID!, $until: NaiveDate!, $reason: String!) {\n    extendAppointment(id: $id, until: $until, reason: $reason) { id status dueAt }\n  }\n"): (typeof documents)["\n  mutation ExtendAppointment($id: ID!, $until: NaiveDate!, $reason: String!) {\n    extendAppointment(id: $id, until: $until, reason: $reason) { id status dueAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Withdraw($id: ID!, $reason: String!) { withdrawDossier(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }\n"): (typeof documents)["\n  mutation Withdraw($id: ID!, $reason: String!) { withdrawDossier(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Copy($id: ID!) { copyDossier(id: $id) { id code } }\n"): (typeof documents)["\n  mutation Copy($id: ID!) { copyDossier(id: $id) { id code } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Update($id: ID!, $input: DossierUpdateInput!, $note: String) {\n    updateDossier(id: $id, input: $input, note: $note) { id status }\n  }\n"): (typeof documents)["\n  mutation Update($id: ID!, $input: DossierUpdateInput!, $note: String) {\n    updateDossier(id: $id, input: $input, note: $note) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AttachFiles($dossierId: ID!, $component: String!, $files: [Upload!]!, $origin: UploadKind) {\n    attachFiles(dossierId: $dossierId, component: $component, files: $files, origin: $origin) { id fileName sha256 }\n  }\n"): (typeof documents)["\n  mutation AttachFiles($dossierId: ID!, $component: String!, $files: [Upload!]!, $origin: UploadKind) {\n    attachFiles(dossierId: $dossierId, component: $component, files: $files, origin: $origin) { id fileName sha256 }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KeepOnPaper($dossierId: ID!, $component: String!, $reason: String!) {\n    keepComponentOnPaper(dossierId: $dossierId, component: $component, reason: $reason) { id }\n  }\n"): (typeof documents)["\n  mutation KeepOnPaper($dossierId: ID!, $component: String!, $reason: String!) {\n    keepComponentOnPaper(dossierId: $dossierId, component: $component, reason: $reason) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveAttachment($id: ID!) { removeAttachment(id: $id) { id } }\n"): (typeof documents)["\n  mutation RemoveAttachment($id: ID!) { removeAttachment(id: $id) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReusableDocuments($dossierId: ID!) {\n    reusableDocuments(dossierId: $dossierId) { id component fileName addedAt }\n  }\n"): (typeof documents)["\n  query ReusableDocuments($dossierId: ID!) {\n    reusableDocuments(dossierId: $dossierId) { id component fileName addedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReuseDocument($dossierId: ID!, $component: String!, $sourceId: ID!) {\n    reuseDocument(dossierId: $dossierId, component: $component, sourceId: $sourceId) { id }\n  }\n"): (typeof documents)["\n  mutation ReuseDocument($dossierId: ID!, $component: String!, $sourceId: ID!) {\n    reuseDocument(dossierId: $dossierId, component: $component, sourceId: $sourceId) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DocumentDraft($dossierId: ID!, $kind: DocumentKind!) {\n    documentDraft(dossierId: $dossierId, kind: $kind) { templateName pages sizeBytes missingFields download { url } }\n  }\n"): (typeof documents)["\n  query DocumentDraft($dossierId: ID!, $kind: DocumentKind!) {\n    documentDraft(dossierId: $dossierId, kind: $kind) { templateName pages sizeBytes missingFields download { url } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DossierChanged($id: ID!) {\n    dossierChanged(id: $id) { dossierId version action }\n  }\n"): (typeof documents)["\n  subscription DossierChanged($id: ID!) {\n    dossierChanged(id: $id) { dossierId version action }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Background($tenant: String!) {\n    tenants { code fullName kind }\n    backgroundStatus(tenant: $tenant) {\n      tenant outboxDepth outboxOldest pendingMessages deadMessages sentMessages oldestPending\n      jobs { job schedule recentFailures nextRun lastRun { tick worker startedAt finishedAt outcome detail } }\n    }\n    outgoingMessages(tenant: $tenant, status: DEAD, first: 50) {\n      id kind recipientHint subject attempts lastError nextAttemptAt dossierId\n    }\n  }\n"): (typeof documents)["\n  query Background($tenant: String!) {\n    tenants { code fullName kind }\n    backgroundStatus(tenant: $tenant) {\n      tenant outboxDepth outboxOldest pendingMessages deadMessages sentMessages oldestPending\n      jobs { job schedule recentFailures nextRun lastRun { tick worker startedAt finishedAt outcome detail } }\n    }\n    outgoingMessages(tenant: $tenant, status: DEAD, first: 50) {\n      id kind recipientHint subject attempts lastError nextAttemptAt dossierId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryMessage($tenant: String!, $id: ID!) {\n    retryMessage(tenant: $tenant, id: $id)\n  }\n"): (typeof documents)["\n  mutation RetryMessage($tenant: String!, $id: ID!) {\n    retryMessage(tenant: $tenant, id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Provinces { tenants { code name fullName kind } }\n"): (typeof documents)["\n  query Provinces { tenants { code name fullName kind } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($current: String!, $next: String!) {\n    changePassword(currentPassword: $current, newPassword: $next)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($current: String!, $next: String!) {\n    changePassword(currentPassword: $current, newPassword: $next)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Offices { offices { code name } }\n"): (typeof documents)["\n  query Offices { offices { code name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewDue($office: String!, $start: DateTime!, $budget: String!) {\n    previewDue(office: $office, start: $start, budget: $budget) {\n      receivedAt effectiveStart due warnAt countsWholeDays\n      explanation { date kind reason counted countedMinutes notes }\n    }\n  }\n"): (typeof documents)["\n  query PreviewDue($office: String!, $start: DateTime!, $budget: String!) {\n    previewDue(office: $office, start: $start, budget: $budget) {\n      receivedAt effectiveStart due warnAt countsWholeDays\n      explanation { date kind reason counted countedMinutes notes }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NoticeSettings {\n    me { id displayName phone idNumber email }\n    noticeSettings { kind enabled optional }\n  }\n"): (typeof documents)["\n  query NoticeSettings {\n    me { id displayName phone idNumber email }\n    noticeSettings { kind enabled optional }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetNoticeSetting($kind: NoticeKind!, $enabled: Boolean!) {\n    setNoticeSetting(kind: $kind, enabled: $enabled) { kind enabled optional }\n  }\n"): (typeof documents)["\n  mutation SetNoticeSetting($kind: NoticeKind!, $enabled: Boolean!) {\n    setNoticeSetting(kind: $kind, enabled: $enabled) { kind enabled optional }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateEmail($displayName: String!, $phone: String, $idNumber: String, $email: String) {\n    updateProfile(displayName: $displayName, phone: $phone, idNumber: $idNumber, email: $email) { id email }\n  }\n"): (typeof documents)["\n  mutation UpdateEmail($displayName: String!, $phone: String, $idNumber: String, $email: String) {\n    updateProfile(displayName: $displayName, phone: $phone, idNumber: $idNumber, email: $email) { id email }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProcessSetup {\n    procedures {\n      code name legalBasis statutoryTotals { validFrom validTo workingHours legalBasis }\n      components { code name required when accepts addedByProvince }\n    }\n    workflows {\n      code name procedure validFrom validTo totalWorkingHours\n      steps { code name level roleTitle budgetHours warnBeforeHours actions { action to } }\n    }\n  }\n"): (typeof documents)["\n  query ProcessSetup {\n    procedures {\n      code name legalBasis statutoryTotals { validFrom validTo workingHours legalBasis }\n      components { code name required when accepts addedByProvince }\n    }\n    workflows {\n      code name procedure validFrom validTo totalWorkingHours\n      steps { code name level roleTitle budgetHours warnBeforeHours actions { action to } }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;