import { PageHeader } from '../../components/Layout';

export default function QuickBooksMappingPage() {
  return <PageHeader title="QuickBooksMappingPage" description="Coming with the integrations API." />;
}
