import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { moneyColumn } from '../../platform/database/columns.js';
import { MoneyScalar } from '../../graphql/scalars.js';

@ObjectType({ description: 'A billable service in the catalog. Archived (inactive) rather than deleted once used.' })
@Entity('services')
export class Service {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Field(() => String) @Column({ type: 'text' }) code: string;
  @Field(() => String) @Column({ type: 'text' }) name: string;
  @Field(() => String) @Column({ type: 'text' }) description: string;
  @Field(() => Boolean) @Column({ type: 'boolean' }) active: boolean;
  @Field(() => Date) @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

@ObjectType({ description: 'Unit price of a service (per hour for time) in one currency.' })
@Entity('service_prices')
export class ServicePrice {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Column({ type: 'uuid', name: 'service_id' }) serviceId: string;
  @Field(() => String) @Column({ type: 'char', length: 3 }) currency: string;
  @Field(() => MoneyScalar) @Column({ ...moneyColumn, name: 'unit_amount' }) unitAmount: number;
}
