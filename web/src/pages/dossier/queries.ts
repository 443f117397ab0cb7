// The dossier page's one query, the mutations of its actions, and the change it listens for.
import { graphql } from "../../gql";

export const DossierDocument = graphql(`
  query Dossier($id: ID!) {
    dossier(id: $id) {
      id code procedure { code name components { code name required when accepts } } workflow status step { code name roleTitle } holderId
      holder { displayName } unitId unit { fullName }
      applicantName personalDataWithheld applicantIdNumber createdAt updatedAt receivedAt
      stepDueAt dueAt supplementRemindAt supplementLapseAt stepSlaState decisionNumber sourceDossierId resultLookupCode
      fields { name value }
      attachments {
        id component provenance fileName mediaType sizeBytes sha256 paperReason reusedFromId addedAt
        addedBy { displayName } download { url }
      }
      documents {
        id stage revision sizeBytes sha256 createdAt reason download { url }
        signatures { field signer organization signedAt seal }
      }
      nextActions { action toStep }
      sla {
        overall { budget startedAt dueAt warnAt finishedAt paused status
          explanation { date kind reason counted countedMinutes notes } }
        steps { step budget startedAt dueAt finishedAt paused status }
      }
      timeline {
        version action actorName actingForName at status step note reason missing handlerName decisionNumber handover
        newAppointment previousAppointment waitedDays
        changes { name from to }
      }
    }
  }
`);

export const ReissueDocument = graphql(`
  mutation Reissue($id: ID!, $reason: String!) { reissueDecision(id: $id, reason: $reason) { id } }
`);

export const SigningAuthoritiesDocument = graphql(`
  query SigningAuthorities { signingAuthorities }
`);

export const StepHandlersDocument = graphql(`
  query StepHandlers($dossierId: ID!, $step: String) {
    stepHandlers(dossierId: $dossierId, step: $step) {
      step stepName positionTitle unitName problem
      officers { id username displayName }
      deputies { id username displayName }
    }
  }
`);


export const ReceiveDocument = graphql(`
  mutation Receive($id: ID!, $note: String) { receiveDossier(id: $id, note: $note) { id status step { code name } holder { displayName } } }
`);
export const DeleteDocument = graphql(`
  mutation Delete($id: ID!) { deleteDossier(id: $id) { id status } }
`);
export const ForwardDocument = graphql(`
  mutation Forward($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {
    forwardDossier(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } }
  }
`);
export const RequestSupplementDocument = graphql(`
  mutation RequestSupplement($id: ID!, $missing: [String!]!, $note: String) {
    requestSupplement(id: $id, missing: $missing, note: $note) { id status step { code name } holder { displayName } }
  }
`);
export const ReceiveSupplementDocument = graphql(`
  mutation ReceiveSupplement($id: ID!, $note: String) { receiveSupplement(id: $id, note: $note) { id status step { code name } holder { displayName } } }
`);
export const SendBackDocument = graphql(`
  mutation SendBack($id: ID!, $toStep: String!, $handlerId: ID, $reason: String!) {
    sendBackDossier(id: $id, toStep: $toStep, handlerId: $handlerId, reason: $reason) { id status step { code name } holder { displayName } }
  }
`);
export const AcceptReworkDocument = graphql(`
  mutation AcceptRework($id: ID!, $note: String) { acceptRework(id: $id, note: $note) { id status step { code name } holder { displayName } } }
`);
export const ReturnIneligibleDocument = graphql(`
  mutation ReturnIneligible($id: ID!, $reason: String!) { returnIneligible(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }
`);
export const RejectDocument = graphql(`
  mutation Reject($id: ID!, $reason: String!) { rejectDossier(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }
`);
export const SignDocument = graphql(`
  mutation Sign($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {
    signDossier(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } }
  }
`);
export const IssueDocument = graphql(`
  mutation Issue($id: ID!, $toStep: String!, $handlerId: ID, $note: String) {
    issueDecision(id: $id, toStep: $toStep, handlerId: $handlerId, note: $note) { id status step { code name } holder { displayName } decisionNumber }
  }
`);
export const ReturnResultDocument = graphql(`
  mutation ReturnResult($id: ID!, $handover: ResultHandover!, $note: String) { returnResult(id: $id, handover: $handover, note: $note) { id status step { code name } holder { displayName } } }
`);
export const ExtendAppointmentDocument = graphql(`
  mutation ExtendAppointment($id: ID!, $until: NaiveDate!, $reason: String!) {
    extendAppointment(id: $id, until: $until, reason: $reason) { id status dueAt }
  }
`);
export const WithdrawDocument = graphql(`
  mutation Withdraw($id: ID!, $reason: String!) { withdrawDossier(id: $id, reason: $reason) { id status step { code name } holder { displayName } } }
`);
export const CopyDocument = graphql(`
  mutation Copy($id: ID!) { copyDossier(id: $id) { id code } }
`);
export const UpdateDocument = graphql(`
  mutation Update($id: ID!, $input: DossierUpdateInput!, $note: String) {
    updateDossier(id: $id, input: $input, note: $note) { id status }
  }
`);


export const AttachFilesDocument = graphql(`
  mutation AttachFiles($dossierId: ID!, $component: String!, $files: [Upload!]!, $origin: UploadKind) {
    attachFiles(dossierId: $dossierId, component: $component, files: $files, origin: $origin) { id fileName sha256 }
  }
`);
export const KeepOnPaperDocument = graphql(`
  mutation KeepOnPaper($dossierId: ID!, $component: String!, $reason: String!) {
    keepComponentOnPaper(dossierId: $dossierId, component: $component, reason: $reason) { id }
  }
`);
export const RemoveAttachmentDocument = graphql(`
  mutation RemoveAttachment($id: ID!) { removeAttachment(id: $id) { id } }
`);
export const ReusableDocumentsDocument = graphql(`
  query ReusableDocuments($dossierId: ID!) {
    reusableDocuments(dossierId: $dossierId) { id component fileName addedAt }
  }
`);
export const ReuseDocumentDocument = graphql(`
  mutation ReuseDocument($dossierId: ID!, $component: String!, $sourceId: ID!) {
    reuseDocument(dossierId: $dossierId, component: $component, sourceId: $sourceId) { id }
  }
`);
export const DocumentDraftDocument = graphql(`
  query DocumentDraft($dossierId: ID!, $kind: DocumentKind!) {
    documentDraft(dossierId: $dossierId, kind: $kind) { templateName pages sizeBytes missingFields download { url } }
  }
`);

export const DossierChangedDocument = graphql(`
  subscription DossierChanged($id: ID!) {
    dossierChanged(id: $id) { dossierId version action }
  }
`);
