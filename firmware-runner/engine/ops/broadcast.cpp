#include "engine/ops/broadcast.h"

#include "engine/ops/op_checks.h"

namespace tr::engine {
namespace {

using reference::kMaxBroadcastRank;

bool same_shape(const int32_t* a, int rank_a, const int32_t* b, int rank_b) {
  if (rank_a != rank_b) return false;
  for (int i = 0; i < rank_a; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// Dimension d of a shape right-aligned to `rank`: leading dimensions are 1.
int32_t aligned_dim(const int32_t* dims, int own_rank, int rank, int d) {
  const int i = d - (rank - own_rank);
  return i < 0 ? 1 : dims[i];
}

// Row-major element strides of the right-aligned shape, 0 along dimensions of size 1.
void aligned_strides(const int32_t* dims, int own_rank, int rank, int32_t* strides) {
  int32_t stride = 1;
  for (int d = rank - 1; d >= 0; --d) {
    const int32_t n = aligned_dim(dims, own_rank, rank, d);
    strides[d] = n == 1 ? 0 : stride;
    stride *= n;
  }
}

}  // namespace

bool make_broadcast_shape(const int32_t* dims1, int rank1, const int32_t* dims2, int rank2,
                          reference::BroadcastShape& out) {
  out = reference::BroadcastShape{};
  if (rank1 > kMaxBroadcastRank || rank2 > kMaxBroadcastRank) return false;
  if (same_shape(dims1, rank1, dims2, rank2)) {
    uint32_t n = 1;
    for (int i = 0; i < rank1; ++i) n *= static_cast<uint32_t>(dims1[i]);
    out.rank = 1;
    out.dims[0] = static_cast<int32_t>(n);
    out.strides1[0] = out.strides2[0] = 1;
    return true;
  }
  const int rank = rank1 > rank2 ? rank1 : rank2;
  out.rank = rank;
  for (int d = 0; d < rank; ++d) {
    const int32_t a = aligned_dim(dims1, rank1, rank, d);
    const int32_t b = aligned_dim(dims2, rank2, rank, d);
    if (a != b && a != 1 && b != 1) return false;
    out.dims[d] = a == 1 ? b : a;
  }
  aligned_strides(dims1, rank1, rank, out.strides1);
  aligned_strides(dims2, rank2, rank, out.strides2);
  return true;
}

Status prepare_broadcast(PrepareContext& ctx, int16_t input1, int16_t input2, int16_t output,
                         reference::BroadcastShape& out) {
  const Tensor& a = ctx.tensor(input1);
  const Tensor& b = ctx.tensor(input2);
  const Tensor& y = ctx.tensor(output);
  if (!make_broadcast_shape(a.dims, a.rank, b.dims, b.rank, out)) {
    append_shape(ctx.fail().append("input shapes "), a);
    append_shape(ctx.err().append(" and "), b);
    ctx.err().append(" do not broadcast");
    return Status::bad_model;
  }
  // The output must have the broadcast shape: the larger rank, the larger of each pair.
  const int rank = a.rank > b.rank ? a.rank : b.rank;
  bool ok = y.rank == rank;
  for (int d = 0; ok && d < rank; ++d) {
    const int32_t da = aligned_dim(a.dims, a.rank, rank, d);
    const int32_t db = aligned_dim(b.dims, b.rank, rank, d);
    ok = y.dims[d] == (da == 1 ? db : da);
  }
  if (!ok) {
    append_shape(ctx.fail().append("output shape "), y);
    append_shape(ctx.err().append(" is not the broadcast of inputs "), a);
    append_shape(ctx.err().append(" and "), b);
    return Status::bad_model;
  }
  return Status::ok;
}

}  // namespace tr::engine
