with source as (
    select * from {{ raw_relation('customers') }}
)

select
    cast(id as integer) as customer_id,
    trim(first_name) as first_name,
    trim(last_name) as last_name,
    cast(signed_up_at as timestamp) as signed_up_at
from source
