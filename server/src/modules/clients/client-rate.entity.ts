import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { moneyColumn } from '../../platform/database/columns.js';
import { MoneyScalar } from '../../graphql/scalars.js';

@ObjectType({ description: "A client's negotiated rate for one service, in the client's currency." })
@Entity('client_rates')
export class ClientRate {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Field(() => ID) @Column({ type: 'uuid', name: 'client_id' }) clientId: string;
  @Field(() => ID) @Column({ type: 'uuid', name: 'service_id' }) serviceId: string;
  @Field(() => MoneyScalar) @Column({ ...moneyColumn, name: 'unit_amount' }) unitAmount: number;
}
