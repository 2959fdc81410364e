import { graphql } from '../../gql';

export const ContractFields = graphql(`
  fragment AdminContract on Contract {
    id clientId name cycle intervalWeeks anchorDay billingTiming startDate endDate
    lines {
      id serviceId description quantity priceSource unitPrice endDate position
      quantityChanges { id effectiveDate oldQuantity newQuantity invoiceId }
    }
  }
`);

export const ContractsQuery = graphql(`
  query AdminContracts($clientId: ID!) { contracts(clientId: $clientId) { ...AdminContract } }
`);

export const NextInvoicePreviewQuery = graphql(`
  query AdminNextInvoicePreview($clientId: ID!) {
    nextInvoicePreview(clientId: $clientId) {
      billDate currency subtotal total problem
      lines { kind description quantity unitPrice amount }
    }
  }
`);

export const CreateContractMutation = graphql(`
  mutation AdminCreateContract($input: CreateContractInput!) { createContract(input: $input) { ...AdminContract } }
`);

export const UpdateContractMutation = graphql(`
  mutation AdminUpdateContract($id: ID!, $input: UpdateContractInput!) {
    updateContract(id: $id, input: $input) { ...AdminContract }
  }
`);

export const AddContractLineMutation = graphql(`
  mutation AdminAddContractLine($contractId: ID!, $line: ContractLineInput!) {
    addContractLine(contractId: $contractId, line: $line) { id }
  }
`);

export const ChangeContractQuantityMutation = graphql(`
  mutation AdminChangeContractQuantity($input: ChangeQuantityInput!) {
    changeContractQuantity(input: $input) { id effectiveDate newQuantity }
  }
`);
