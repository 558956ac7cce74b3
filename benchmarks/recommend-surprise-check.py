#!/usr/bin/env python3
"""Independent NumPy re-implementation of three Surprise predictors, for checking the library's accuracy
suite on MovieLens (issue #7).

Algorithms, as Surprise (1.1.x) defines them with its default parameters:

* BaselineOnly, baselines by ALS: reg_i=10, reg_u=15, 10 epochs, biases start at 0; each epoch updates
  every item bias, then every user bias.  est = mu + bu + bi (an unknown user's or item's bias is 0).
* SVD (biased MF by SGD): 100 factors, 20 epochs, lr 0.005, reg 0.02, pu and qi ~ N(0, 0.1) drawn from
  RandomState(seed) (pu first, then qi), biases start at 0.  Ratings are visited in the trainset's order
  (user by user in order of first appearance, each user's ratings in appearance order) every epoch,
  with no reshuffling.  Per rating: err with the current values; bu, bi updated; pu and qi updated from
  each other's old values.  est = mu + bu + bi + qi.pu, with only the known parts for unknown users/items.
* KNNBaseline: k=40, min_k=1, user-based MSD similarity (1 / (msd + 1) over common items, 0 with none),
  ALS baselines as above.  est = b_ui + sum(sim * (r_vi - b_vi)) / sum(sim) over the k most similar users
  who rated i (ties kept in trainset order, as heapq.nlargest does), counting only sim > 0.

All predictions are clipped to the rating scale (Surprise's predict(clip=True)).

Splits: Surprise's KFold(n_splits=5, shuffle=True): the rating rows are shuffled with
numpy RandomState(seed) and cut into contiguous folds (the first len % 5 folds one row longer).  With
--splits-dir DIR the folds are read instead from DIR/train{f}.csv and DIR/test{f}.csv (user,item,rating
with a header), in file order.

Usage:
  python3 benchmarks/recommend-surprise-check.py RATINGS.csv [--seed 0] [--algos baseline,svd,knn]
      [--svd-seeds 0] [--knn-folds 5] [--splits-dir DIR] [--svd-order trainset|shuffle|sorted]
      [--shuffle-train SEED] [--save-preds PREFIX]

RATINGS.csv: a CSV with a header whose first three columns are user, item, rating (MovieLens
ratings.csv).  Prints per-fold and mean RMSE / MAE for each algorithm.
"""
import argparse
import csv
import sys
import time

import numpy as np


# ----------------------------------------------------------------------------------------------- data
def read_triples(path):
    users, items, ratings = [], [], []
    with open(path, newline='') as fh:
        rd = csv.reader(fh)
        next(rd)
        for row in rd:
            if not row:
                continue
            users.append(row[0])
            items.append(row[1])
            ratings.append(float(row[2]))
    return users, items, np.array(ratings)


class Trainset:
    """Inner ids in order of first appearance; all_ratings in Surprise's order (user by user)."""

    def __init__(self, users, items, ratings):
        self.uid = {}
        self.iid = {}
        ur = []
        ir = []
        for u, i, r in zip(users, items, ratings):
            iu = self.uid.get(u)
            if iu is None:
                iu = self.uid[u] = len(self.uid)
                ur.append([])
            ii = self.iid.get(i)
            if ii is None:
                ii = self.iid[i] = len(self.iid)
                ir.append([])
            ur[iu].append((ii, r))
            ir[ii].append((iu, r))
        self.n_users = len(ur)
        self.n_items = len(ir)
        # all_ratings(): for u, u_ratings in ur.items(): for i, r in u_ratings
        self.u = np.array([u for u, lst in enumerate(ur) for _ in lst], dtype=np.int64)
        self.i = np.array([i for lst in ur for i, _ in lst], dtype=np.int64)
        self.r = np.array([r for lst in ur for _, r in lst], dtype=np.float64)
        self.mu = float(self.r.mean())
        # ir in appearance order, as arrays
        self.ir_users = [np.array([u for u, _ in lst], dtype=np.int64) for lst in ir]
        self.ir_ratings = [np.array([r for _, r in lst], dtype=np.float64) for lst in ir]

    def inner(self, users, items):
        iu = np.array([self.uid.get(u, -1) for u in users], dtype=np.int64)
        ii = np.array([self.iid.get(i, -1) for i in items], dtype=np.int64)
        return iu, ii


def surprise_kfold(n, n_splits, seed):
    idx = np.arange(n)
    np.random.RandomState(seed).shuffle(idx)
    stop = 0
    for f in range(n_splits):
        start = stop
        stop += n // n_splits
        if f < n % n_splits:
            stop += 1
        yield np.concatenate([idx[:start], idx[stop:]]), idx[start:stop]


# ------------------------------------------------------------------------------------------ algorithms
def baseline_als(ts, reg_i=10.0, reg_u=15.0, n_epochs=10):
    bu = np.zeros(ts.n_users)
    bi = np.zeros(ts.n_items)
    cnt_u = np.bincount(ts.u, minlength=ts.n_users)
    cnt_i = np.bincount(ts.i, minlength=ts.n_items)
    for _ in range(n_epochs):
        bi = np.bincount(ts.i, ts.r - ts.mu - bu[ts.u], minlength=ts.n_items) / (reg_i + cnt_i)
        bu = np.bincount(ts.u, ts.r - ts.mu - bi[ts.i], minlength=ts.n_users) / (reg_u + cnt_u)
    return bu, bi


def bias_part(ts, bu, bi, iu, ii):
    est = np.full(len(iu), ts.mu)
    ku, ki = iu >= 0, ii >= 0
    est[ku] += bu[iu[ku]]
    est[ki] += bi[ii[ki]]
    return est


def predict_baseline(ts, iu, ii, lo, hi):
    bu, bi = baseline_als(ts)
    return np.clip(bias_part(ts, bu, bi, iu, ii), lo, hi)


def svd_sgd(ts, seed, n_factors=100, n_epochs=20, lr=0.005, reg=0.02, init_std=0.1, order='trainset'):
    rng = np.random.RandomState(seed)
    pu = rng.normal(0.0, init_std, (ts.n_users, n_factors))
    qi = rng.normal(0.0, init_std, (ts.n_items, n_factors))
    bu = [0.0] * ts.n_users
    bi = [0.0] * ts.n_items
    mu = ts.mu
    U, I, R = ts.u, ts.i, ts.r
    if order == 'sorted':  # user by user, each user's items by inner item id
        o = np.lexsort((I, U))
        U, I, R = U[o], I[o], R[o]
    shuf = np.random.RandomState(seed + 1000)
    seq = list(zip(U.tolist(), I.tolist(), R.tolist()))
    rows_p = [pu[u] for u in range(ts.n_users)]  # views
    rows_q = [qi[i] for i in range(ts.n_items)]
    keep = 1.0 - lr * reg
    for _ in range(n_epochs):
        if order == 'shuffle':
            seq = [seq[k] for k in shuf.permutation(len(seq))]
        for u, i, r in seq:
            p = rows_p[u]
            q = rows_q[i]
            err = r - (mu + bu[u] + bi[i] + float(p.dot(q)))
            bu[u] += lr * (err - reg * bu[u])
            bi[i] += lr * (err - reg * bi[i])
            p_old = p.copy()
            a = lr * err
            # pu += lr*(err*qi - reg*pu); qi += lr*(err*pu_old - reg*qi)
            p *= keep
            p += a * q
            q *= keep
            q += a * p_old
    return np.array(bu), np.array(bi), pu, qi


def predict_svd(ts, iu, ii, lo, hi, seed, order='trainset'):
    bu, bi, pu, qi = svd_sgd(ts, seed, order=order)
    est = bias_part(ts, bu, bi, iu, ii)
    both = (iu >= 0) & (ii >= 0)
    est[both] += np.einsum('ij,ij->i', pu[iu[both]], qi[ii[both]])
    return np.clip(est, lo, hi)


def msd_user_sim(ts):
    R = np.zeros((ts.n_users, ts.n_items))
    R[ts.u, ts.i] = ts.r
    M = np.zeros_like(R)
    M[ts.u, ts.i] = 1.0
    R2 = R * R
    sq = R2 @ M.T + M @ R2.T - 2.0 * (R @ R.T)  # exact: ratings are multiples of 0.5
    freq = M @ M.T
    sim = np.zeros_like(sq)
    nz = freq > 0
    sim[nz] = 1.0 / (sq[nz] / freq[nz] + 1.0)
    np.fill_diagonal(sim, 1.0)
    return sim


def predict_knn_baseline(ts, iu, ii, lo, hi, k=40, min_k=1):
    bu, bi = baseline_als(ts)
    sim = msd_user_sim(ts)
    est = bias_part(ts, bu, bi, iu, ii)
    for t in range(len(iu)):
        u, i = iu[t], ii[t]
        if u < 0 or i < 0:
            continue
        nb = ts.ir_users[i]
        s = sim[u, nb]
        top = np.argsort(-s, kind='stable')[:k]  # heapq.nlargest: stable among ties
        s_top = s[top]
        pos = s_top > 0
        if pos.sum() < min_k:
            continue
        s_top = s_top[pos]
        nb_top = nb[top][pos]
        dev = ts.ir_ratings[i][top][pos] - (ts.mu + bu[nb_top] + bi[i])
        est[t] += float((s_top * dev).sum()) / float(s_top.sum())
    return np.clip(est, lo, hi)


# ------------------------------------------------------------------------------------------------ main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('ratings', nargs='?', help='ratings CSV (user,item,rating,... with a header)')
    ap.add_argument('--folds', type=int, default=5)
    ap.add_argument('--seed', type=int, default=0, help='seed of the KFold shuffle (default 0)')
    ap.add_argument('--algos', default='baseline,svd,knn')
    ap.add_argument('--svd-seeds', default='0', help='comma-separated seeds of the SVD init (default 0)')
    ap.add_argument('--svd-order', default='trainset', choices=['trainset', 'shuffle', 'sorted'],
                    help="SGD visiting order: Surprise's trainset order (default), a reshuffle every epoch, "
                         'or user by user with items by inner id')
    ap.add_argument('--knn-folds', type=int, default=None, help='run kNN-baseline on the first N folds only')
    ap.add_argument('--splits-dir', default=None, help='read DIR/train{f}.csv, DIR/test{f}.csv instead of KFold')
    ap.add_argument('--shuffle-train', type=int, default=None,
                    help='with --splits-dir: shuffle each training file with RandomState(SEED) before building the '
                         'trainset (as Surprise builds its trainsets from shuffled rows)')
    ap.add_argument('--save-preds', default=None, help='write predictions to PREFIX-{algo}-{fold}.csv')
    ap.add_argument('--scale', default='0.5,5', help='rating scale lo,hi for clipping (default 0.5,5)')
    a = ap.parse_args()
    lo, hi = (float(x) for x in a.scale.split(','))
    algos = a.algos.split(',')
    seeds = [int(s) for s in a.svd_seeds.split(',')]

    folds = []
    if a.splits_dir:
        for f in range(a.folds):
            tu, ti, tr = read_triples(f'{a.splits_dir}/train{f}.csv')
            if a.shuffle_train is not None:
                o = np.random.RandomState(a.shuffle_train + f).permutation(len(tr))
                tu, ti, tr = [tu[k] for k in o], [ti[k] for k in o], tr[o]
            folds.append(((tu, ti, tr), read_triples(f'{a.splits_dir}/test{f}.csv')))
        src = f'folds from {a.splits_dir}' + ('' if a.shuffle_train is None else f' (training rows shuffled, seed {a.shuffle_train}+fold)')
    else:
        if not a.ratings:
            ap.error('give the ratings file or --splits-dir')
        us, its, rs = read_triples(a.ratings)
        us, its = np.array(us, dtype=object), np.array(its, dtype=object)
        for tr, te in surprise_kfold(len(rs), a.folds, a.seed):
            folds.append(((us[tr].tolist(), its[tr].tolist(), rs[tr]), (us[te].tolist(), its[te].tolist(), rs[te])))
        src = f'{a.ratings}, {len(rs)} ratings, Surprise-style KFold seed {a.seed}'
    print(f'# {src}; {a.folds} folds; scale [{lo}, {hi}]')

    runs = []
    for name in algos:
        if name == 'svd':
            runs += [(f'svd(seed {s}{"" if a.svd_order == "trainset" else ", " + a.svd_order})', name, s) for s in seeds]
        else:
            runs.append(({'baseline': 'baseline-only', 'knn': 'knn-baseline'}[name], name, None))
    table = []
    for label, name, s in runs:
        nf = a.folds if name != 'knn' or a.knn_folds is None else min(a.knn_folds, a.folds)
        rmse, mae = [], []
        for f in range(nf):
            (tu, ti, tr), (eu, ei, er) = folds[f]
            t0 = time.time()
            ts = Trainset(tu, ti, tr)
            iu, ii = ts.inner(eu, ei)
            if name == 'baseline':
                p = predict_baseline(ts, iu, ii, lo, hi)
            elif name == 'svd':
                p = predict_svd(ts, iu, ii, lo, hi, s, a.svd_order)
            else:
                p = predict_knn_baseline(ts, iu, ii, lo, hi)
            rmse.append(float(np.sqrt(np.mean((p - er) ** 2))))
            mae.append(float(np.mean(np.abs(p - er))))
            print(f'{label:28s} fold {f}: RMSE {rmse[-1]:.6f}  MAE {mae[-1]:.6f}  '
                  f'({len(er)} test, {int(((iu < 0) | (ii < 0)).sum())} with unknown user/item, {time.time() - t0:.1f}s)',
                  flush=True)
            if a.save_preds:
                with open(f'{a.save_preds}-{label.split("(")[0]}{"" if s is None else s}-{f}.csv', 'w') as fh:
                    fh.write('user,item,rating,pred\n')
                    for x in zip(eu, ei, er, p):
                        fh.write(f'{x[0]},{x[1]},{x[2]},{float(x[3])!r}\n')
        table.append((label, rmse, mae))
    print()
    print(f'{"algorithm":28s} {"RMSE":>8s} {"MAE":>8s}  per-fold RMSE')
    for label, rmse, mae in table:
        print(f'{label:28s} {np.mean(rmse):8.4f} {np.mean(mae):8.4f}  ' + ' '.join(f'{x:.4f}' for x in rmse))


if __name__ == '__main__':
    sys.exit(main())
