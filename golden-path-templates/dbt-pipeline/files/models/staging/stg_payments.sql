with source as (
    select * from {{ raw_relation('payments') }}
)

select
    cast(id as integer) as payment_id,
    cast(order_id as integer) as order_id,
    lower(payment_method) as payment_method,
    cast(amount_cents as decimal(18, 2)) / 100 as amount,
    cast(paid_at as timestamp) as paid_at
from source
