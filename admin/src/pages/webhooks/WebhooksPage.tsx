import { PageHeader } from '../../components/Layout';

export default function WebhooksPage() {
  return <PageHeader title="WebhooksPage" description="Coming with the integrations API." />;
}
