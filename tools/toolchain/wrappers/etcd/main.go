// Command etcd is etcd's own server entry point, built from the pinned go.etcd.io/etcd/server/v3
// module, because Debian's etcd (3.4) is too old for the kube-apiserver we test against.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
