import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  DOCKER_CONFIG,
  DOCKER_LAYER,
  DOCKER_LAYER_GZIP,
  DOCKER_MANIFEST,
  MANIFEST_ACCEPT,
  ManifestFormatError,
  isIndex,
  parseManifest,
  requiredBlobs,
  sha256Digest
} from "./chunk-VL7MRU25.js";
import {
  blobDataPath,
  blobDir,
  layerLinkPath,
  readLink,
  revisionLinkPath,
  tagCurrentLinkPath,
  tagIndexLinkPath
} from "./chunk-XPP4COXA.js";
import {
  CERTS_DIR,
  KIND_NETWORK,
  REGISTRY_PORT,
  TooLargeError,
  TransportError,
  carriesCredentials,
  discard,
  displayUrl,
  dockerBuildCommand,
  endpointFor,
  formatBytes,
  formatPlatform,
  hasLocalProxy,
  homeDir,
  hostPlatform,
  parsePlatform,
  readClusterState,
  readReply,
  realPath,
  realmRefusal,
  redirectRefusal,
  registryCredentials,
  require_dist,
  selectPlatform,
  send,
  temporaryPath,
  writeClusterState,
  writeFileAtomic
} from "./chunk-WYO2O326.js";
import {
  SHA256_DIGEST,
  formatReference,
  parseReference,
  preloadRepository
} from "./chunk-KRPSGNHQ.js";
import {
  InputError,
  RuntimeError
} from "./chunk-Z6K67HG4.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-I64FK5AC.js";

// node_modules/graceful-fs/polyfills.js
var require_polyfills = __commonJS({
  "node_modules/graceful-fs/polyfills.js"(exports, module) {
    var constants = __require("constants");
    var origCwd = process.cwd;
    var cwd = null;
    var platform = process.env.GRACEFUL_FS_PLATFORM || process.platform;
    process.cwd = function() {
      if (!cwd)
        cwd = origCwd.call(process);
      return cwd;
    };
    try {
      process.cwd();
    } catch (er) {
    }
    if (typeof process.chdir === "function") {
      chdir = process.chdir;
      process.chdir = function(d) {
        cwd = null;
        chdir.call(process, d);
      };
      if (Object.setPrototypeOf) Object.setPrototypeOf(process.chdir, chdir);
    }
    var chdir;
    module.exports = patch;
    function patch(fs) {
      if (constants.hasOwnProperty("O_SYMLINK") && process.version.match(/^v0\.6\.[0-2]|^v0\.5\./)) {
        patchLchmod(fs);
      }
      if (!fs.lutimes) {
        patchLutimes(fs);
      }
      fs.chown = chownFix(fs.chown);
      fs.fchown = chownFix(fs.fchown);
      fs.lchown = chownFix(fs.lchown);
      fs.chmod = chmodFix(fs.chmod);
      fs.fchmod = chmodFix(fs.fchmod);
      fs.lchmod = chmodFix(fs.lchmod);
      fs.chownSync = chownFixSync(fs.chownSync);
      fs.fchownSync = chownFixSync(fs.fchownSync);
      fs.lchownSync = chownFixSync(fs.lchownSync);
      fs.chmodSync = chmodFixSync(fs.chmodSync);
      fs.fchmodSync = chmodFixSync(fs.fchmodSync);
      fs.lchmodSync = chmodFixSync(fs.lchmodSync);
      fs.stat = statFix(fs.stat);
      fs.fstat = statFix(fs.fstat);
      fs.lstat = statFix(fs.lstat);
      fs.statSync = statFixSync(fs.statSync);
      fs.fstatSync = statFixSync(fs.fstatSync);
      fs.lstatSync = statFixSync(fs.lstatSync);
      if (fs.chmod && !fs.lchmod) {
        fs.lchmod = function(path, mode, cb) {
          if (cb) process.nextTick(cb);
        };
        fs.lchmodSync = function() {
        };
      }
      if (fs.chown && !fs.lchown) {
        fs.lchown = function(path, uid, gid, cb) {
          if (cb) process.nextTick(cb);
        };
        fs.lchownSync = function() {
        };
      }
      if (platform === "win32") {
        fs.rename = typeof fs.rename !== "function" ? fs.rename : (function(fs$rename) {
          function rename2(from, to, cb) {
            var start = Date.now();
            var backoff = 0;
            fs$rename(from, to, function CB(er) {
              if (er && (er.code === "EACCES" || er.code === "EPERM" || er.code === "EBUSY") && Date.now() - start < 6e4) {
                setTimeout(function() {
                  fs.stat(to, function(stater, st) {
                    if (stater && stater.code === "ENOENT")
                      fs$rename(from, to, CB);
                    else
                      cb(er);
                  });
                }, backoff);
                if (backoff < 100)
                  backoff += 10;
                return;
              }
              if (cb) cb(er);
            });
          }
          if (Object.setPrototypeOf) Object.setPrototypeOf(rename2, fs$rename);
          return rename2;
        })(fs.rename);
      }
      fs.read = typeof fs.read !== "function" ? fs.read : (function(fs$read) {
        function read(fd, buffer, offset, length, position, callback_) {
          var callback;
          if (callback_ && typeof callback_ === "function") {
            var eagCounter = 0;
            callback = function(er, _, __) {
              if (er && er.code === "EAGAIN" && eagCounter < 10) {
                eagCounter++;
                return fs$read.call(fs, fd, buffer, offset, length, position, callback);
              }
              callback_.apply(this, arguments);
            };
          }
          return fs$read.call(fs, fd, buffer, offset, length, position, callback);
        }
        if (Object.setPrototypeOf) Object.setPrototypeOf(read, fs$read);
        return read;
      })(fs.read);
      fs.readSync = typeof fs.readSync !== "function" ? fs.readSync : /* @__PURE__ */ (function(fs$readSync) {
        return function(fd, buffer, offset, length, position) {
          var eagCounter = 0;
          while (true) {
            try {
              return fs$readSync.call(fs, fd, buffer, offset, length, position);
            } catch (er) {
              if (er.code === "EAGAIN" && eagCounter < 10) {
                eagCounter++;
                continue;
              }
              throw er;
            }
          }
        };
      })(fs.readSync);
      function patchLchmod(fs2) {
        fs2.lchmod = function(path, mode, callback) {
          fs2.open(
            path,
            constants.O_WRONLY | constants.O_SYMLINK,
            mode,
            function(err, fd) {
              if (err) {
                if (callback) callback(err);
                return;
              }
              fs2.fchmod(fd, mode, function(err2) {
                fs2.close(fd, function(err22) {
                  if (callback) callback(err2 || err22);
                });
              });
            }
          );
        };
        fs2.lchmodSync = function(path, mode) {
          var fd = fs2.openSync(path, constants.O_WRONLY | constants.O_SYMLINK, mode);
          var threw = true;
          var ret;
          try {
            ret = fs2.fchmodSync(fd, mode);
            threw = false;
          } finally {
            if (threw) {
              try {
                fs2.closeSync(fd);
              } catch (er) {
              }
            } else {
              fs2.closeSync(fd);
            }
          }
          return ret;
        };
      }
      function patchLutimes(fs2) {
        if (constants.hasOwnProperty("O_SYMLINK") && fs2.futimes) {
          fs2.lutimes = function(path, at, mt, cb) {
            fs2.open(path, constants.O_SYMLINK, function(er, fd) {
              if (er) {
                if (cb) cb(er);
                return;
              }
              fs2.futimes(fd, at, mt, function(er2) {
                fs2.close(fd, function(er22) {
                  if (cb) cb(er2 || er22);
                });
              });
            });
          };
          fs2.lutimesSync = function(path, at, mt) {
            var fd = fs2.openSync(path, constants.O_SYMLINK);
            var ret;
            var threw = true;
            try {
              ret = fs2.futimesSync(fd, at, mt);
              threw = false;
            } finally {
              if (threw) {
                try {
                  fs2.closeSync(fd);
                } catch (er) {
                }
              } else {
                fs2.closeSync(fd);
              }
            }
            return ret;
          };
        } else if (fs2.futimes) {
          fs2.lutimes = function(_a, _b, _c, cb) {
            if (cb) process.nextTick(cb);
          };
          fs2.lutimesSync = function() {
          };
        }
      }
      function chmodFix(orig) {
        if (!orig) return orig;
        return function(target, mode, cb) {
          return orig.call(fs, target, mode, function(er) {
            if (chownErOk(er)) er = null;
            if (cb) cb.apply(this, arguments);
          });
        };
      }
      function chmodFixSync(orig) {
        if (!orig) return orig;
        return function(target, mode) {
          try {
            return orig.call(fs, target, mode);
          } catch (er) {
            if (!chownErOk(er)) throw er;
          }
        };
      }
      function chownFix(orig) {
        if (!orig) return orig;
        return function(target, uid, gid, cb) {
          return orig.call(fs, target, uid, gid, function(er) {
            if (chownErOk(er)) er = null;
            if (cb) cb.apply(this, arguments);
          });
        };
      }
      function chownFixSync(orig) {
        if (!orig) return orig;
        return function(target, uid, gid) {
          try {
            return orig.call(fs, target, uid, gid);
          } catch (er) {
            if (!chownErOk(er)) throw er;
          }
        };
      }
      function statFix(orig) {
        if (!orig) return orig;
        return function(target, options, cb) {
          if (typeof options === "function") {
            cb = options;
            options = null;
          }
          function callback(er, stats) {
            if (stats) {
              if (stats.uid < 0) stats.uid += 4294967296;
              if (stats.gid < 0) stats.gid += 4294967296;
            }
            if (cb) cb.apply(this, arguments);
          }
          return options ? orig.call(fs, target, options, callback) : orig.call(fs, target, callback);
        };
      }
      function statFixSync(orig) {
        if (!orig) return orig;
        return function(target, options) {
          var stats = options ? orig.call(fs, target, options) : orig.call(fs, target);
          if (stats) {
            if (stats.uid < 0) stats.uid += 4294967296;
            if (stats.gid < 0) stats.gid += 4294967296;
          }
          return stats;
        };
      }
      function chownErOk(er) {
        if (!er)
          return true;
        if (er.code === "ENOSYS")
          return true;
        var nonroot = !process.getuid || process.getuid() !== 0;
        if (nonroot) {
          if (er.code === "EINVAL" || er.code === "EPERM")
            return true;
        }
        return false;
      }
    }
  }
});

// node_modules/graceful-fs/legacy-streams.js
var require_legacy_streams = __commonJS({
  "node_modules/graceful-fs/legacy-streams.js"(exports, module) {
    var Stream = __require("stream").Stream;
    module.exports = legacy;
    function legacy(fs) {
      return {
        ReadStream,
        WriteStream
      };
      function ReadStream(path, options) {
        if (!(this instanceof ReadStream)) return new ReadStream(path, options);
        Stream.call(this);
        var self = this;
        this.path = path;
        this.fd = null;
        this.readable = true;
        this.paused = false;
        this.flags = "r";
        this.mode = 438;
        this.bufferSize = 64 * 1024;
        options = options || {};
        var keys = Object.keys(options);
        for (var index = 0, length = keys.length; index < length; index++) {
          var key = keys[index];
          this[key] = options[key];
        }
        if (this.encoding) this.setEncoding(this.encoding);
        if (this.start !== void 0) {
          if ("number" !== typeof this.start) {
            throw TypeError("start must be a Number");
          }
          if (this.end === void 0) {
            this.end = Infinity;
          } else if ("number" !== typeof this.end) {
            throw TypeError("end must be a Number");
          }
          if (this.start > this.end) {
            throw new Error("start must be <= end");
          }
          this.pos = this.start;
        }
        if (this.fd !== null) {
          process.nextTick(function() {
            self._read();
          });
          return;
        }
        fs.open(this.path, this.flags, this.mode, function(err, fd) {
          if (err) {
            self.emit("error", err);
            self.readable = false;
            return;
          }
          self.fd = fd;
          self.emit("open", fd);
          self._read();
        });
      }
      function WriteStream(path, options) {
        if (!(this instanceof WriteStream)) return new WriteStream(path, options);
        Stream.call(this);
        this.path = path;
        this.fd = null;
        this.writable = true;
        this.flags = "w";
        this.encoding = "binary";
        this.mode = 438;
        this.bytesWritten = 0;
        options = options || {};
        var keys = Object.keys(options);
        for (var index = 0, length = keys.length; index < length; index++) {
          var key = keys[index];
          this[key] = options[key];
        }
        if (this.start !== void 0) {
          if ("number" !== typeof this.start) {
            throw TypeError("start must be a Number");
          }
          if (this.start < 0) {
            throw new Error("start must be >= zero");
          }
          this.pos = this.start;
        }
        this.busy = false;
        this._queue = [];
        if (this.fd === null) {
          this._open = fs.open;
          this._queue.push([this._open, this.path, this.flags, this.mode, void 0]);
          this.flush();
        }
      }
    }
  }
});

// node_modules/graceful-fs/clone.js
var require_clone = __commonJS({
  "node_modules/graceful-fs/clone.js"(exports, module) {
    "use strict";
    module.exports = clone;
    var getPrototypeOf = Object.getPrototypeOf || function(obj) {
      return obj.__proto__;
    };
    function clone(obj) {
      if (obj === null || typeof obj !== "object")
        return obj;
      if (obj instanceof Object)
        var copy = { __proto__: getPrototypeOf(obj) };
      else
        var copy = /* @__PURE__ */ Object.create(null);
      Object.getOwnPropertyNames(obj).forEach(function(key) {
        Object.defineProperty(copy, key, Object.getOwnPropertyDescriptor(obj, key));
      });
      return copy;
    }
  }
});

// node_modules/graceful-fs/graceful-fs.js
var require_graceful_fs = __commonJS({
  "node_modules/graceful-fs/graceful-fs.js"(exports, module) {
    var fs = __require("fs");
    var polyfills = require_polyfills();
    var legacy = require_legacy_streams();
    var clone = require_clone();
    var util = __require("util");
    var gracefulQueue;
    var previousSymbol;
    if (typeof Symbol === "function" && typeof Symbol.for === "function") {
      gracefulQueue = /* @__PURE__ */ Symbol.for("graceful-fs.queue");
      previousSymbol = /* @__PURE__ */ Symbol.for("graceful-fs.previous");
    } else {
      gracefulQueue = "___graceful-fs.queue";
      previousSymbol = "___graceful-fs.previous";
    }
    function noop() {
    }
    function publishQueue(context, queue2) {
      Object.defineProperty(context, gracefulQueue, {
        get: function() {
          return queue2;
        }
      });
    }
    var debug = noop;
    if (util.debuglog)
      debug = util.debuglog("gfs4");
    else if (/\bgfs4\b/i.test(process.env.NODE_DEBUG || ""))
      debug = function() {
        var m = util.format.apply(util, arguments);
        m = "GFS4: " + m.split(/\n/).join("\nGFS4: ");
        console.error(m);
      };
    if (!fs[gracefulQueue]) {
      queue = global[gracefulQueue] || [];
      publishQueue(fs, queue);
      fs.close = (function(fs$close) {
        function close2(fd, cb) {
          return fs$close.call(fs, fd, function(err) {
            if (!err) {
              resetQueue();
            }
            if (typeof cb === "function")
              cb.apply(this, arguments);
          });
        }
        Object.defineProperty(close2, previousSymbol, {
          value: fs$close
        });
        return close2;
      })(fs.close);
      fs.closeSync = (function(fs$closeSync) {
        function closeSync(fd) {
          fs$closeSync.apply(fs, arguments);
          resetQueue();
        }
        Object.defineProperty(closeSync, previousSymbol, {
          value: fs$closeSync
        });
        return closeSync;
      })(fs.closeSync);
      if (/\bgfs4\b/i.test(process.env.NODE_DEBUG || "")) {
        process.on("exit", function() {
          debug(fs[gracefulQueue]);
          __require("assert").equal(fs[gracefulQueue].length, 0);
        });
      }
    }
    var queue;
    if (!global[gracefulQueue]) {
      publishQueue(global, fs[gracefulQueue]);
    }
    module.exports = patch(clone(fs));
    if (process.env.TEST_GRACEFUL_FS_GLOBAL_PATCH && !fs.__patched) {
      module.exports = patch(fs);
      fs.__patched = true;
    }
    function patch(fs2) {
      polyfills(fs2);
      fs2.gracefulify = patch;
      fs2.createReadStream = createReadStream;
      fs2.createWriteStream = createWriteStream3;
      var fs$readFile = fs2.readFile;
      fs2.readFile = readFile5;
      function readFile5(path, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        return go$readFile(path, options, cb);
        function go$readFile(path2, options2, cb2, startTime) {
          return fs$readFile(path2, options2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$readFile, [path2, options2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$writeFile = fs2.writeFile;
      fs2.writeFile = writeFile2;
      function writeFile2(path, data, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        return go$writeFile(path, data, options, cb);
        function go$writeFile(path2, data2, options2, cb2, startTime) {
          return fs$writeFile(path2, data2, options2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$writeFile, [path2, data2, options2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$appendFile = fs2.appendFile;
      if (fs$appendFile)
        fs2.appendFile = appendFile;
      function appendFile(path, data, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        return go$appendFile(path, data, options, cb);
        function go$appendFile(path2, data2, options2, cb2, startTime) {
          return fs$appendFile(path2, data2, options2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$appendFile, [path2, data2, options2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$copyFile = fs2.copyFile;
      if (fs$copyFile)
        fs2.copyFile = copyFile;
      function copyFile(src, dest, flags, cb) {
        if (typeof flags === "function") {
          cb = flags;
          flags = 0;
        }
        return go$copyFile(src, dest, flags, cb);
        function go$copyFile(src2, dest2, flags2, cb2, startTime) {
          return fs$copyFile(src2, dest2, flags2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$copyFile, [src2, dest2, flags2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$readdir = fs2.readdir;
      fs2.readdir = readdir3;
      var noReaddirOptionVersions = /^v[0-5]\./;
      function readdir3(path, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        var go$readdir = noReaddirOptionVersions.test(process.version) ? function go$readdir2(path2, options2, cb2, startTime) {
          return fs$readdir(path2, fs$readdirCallback(
            path2,
            options2,
            cb2,
            startTime
          ));
        } : function go$readdir2(path2, options2, cb2, startTime) {
          return fs$readdir(path2, options2, fs$readdirCallback(
            path2,
            options2,
            cb2,
            startTime
          ));
        };
        return go$readdir(path, options, cb);
        function fs$readdirCallback(path2, options2, cb2, startTime) {
          return function(err, files) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([
                go$readdir,
                [path2, options2, cb2],
                err,
                startTime || Date.now(),
                Date.now()
              ]);
            else {
              if (files && files.sort)
                files.sort();
              if (typeof cb2 === "function")
                cb2.call(this, err, files);
            }
          };
        }
      }
      if (process.version.substr(0, 4) === "v0.8") {
        var legStreams = legacy(fs2);
        ReadStream = legStreams.ReadStream;
        WriteStream = legStreams.WriteStream;
      }
      var fs$ReadStream = fs2.ReadStream;
      if (fs$ReadStream) {
        ReadStream.prototype = Object.create(fs$ReadStream.prototype);
        ReadStream.prototype.open = ReadStream$open;
      }
      var fs$WriteStream = fs2.WriteStream;
      if (fs$WriteStream) {
        WriteStream.prototype = Object.create(fs$WriteStream.prototype);
        WriteStream.prototype.open = WriteStream$open;
      }
      Object.defineProperty(fs2, "ReadStream", {
        get: function() {
          return ReadStream;
        },
        set: function(val) {
          ReadStream = val;
        },
        enumerable: true,
        configurable: true
      });
      Object.defineProperty(fs2, "WriteStream", {
        get: function() {
          return WriteStream;
        },
        set: function(val) {
          WriteStream = val;
        },
        enumerable: true,
        configurable: true
      });
      var FileReadStream = ReadStream;
      Object.defineProperty(fs2, "FileReadStream", {
        get: function() {
          return FileReadStream;
        },
        set: function(val) {
          FileReadStream = val;
        },
        enumerable: true,
        configurable: true
      });
      var FileWriteStream = WriteStream;
      Object.defineProperty(fs2, "FileWriteStream", {
        get: function() {
          return FileWriteStream;
        },
        set: function(val) {
          FileWriteStream = val;
        },
        enumerable: true,
        configurable: true
      });
      function ReadStream(path, options) {
        if (this instanceof ReadStream)
          return fs$ReadStream.apply(this, arguments), this;
        else
          return ReadStream.apply(Object.create(ReadStream.prototype), arguments);
      }
      function ReadStream$open() {
        var that = this;
        open2(that.path, that.flags, that.mode, function(err, fd) {
          if (err) {
            if (that.autoClose)
              that.destroy();
            that.emit("error", err);
          } else {
            that.fd = fd;
            that.emit("open", fd);
            that.read();
          }
        });
      }
      function WriteStream(path, options) {
        if (this instanceof WriteStream)
          return fs$WriteStream.apply(this, arguments), this;
        else
          return WriteStream.apply(Object.create(WriteStream.prototype), arguments);
      }
      function WriteStream$open() {
        var that = this;
        open2(that.path, that.flags, that.mode, function(err, fd) {
          if (err) {
            that.destroy();
            that.emit("error", err);
          } else {
            that.fd = fd;
            that.emit("open", fd);
          }
        });
      }
      function createReadStream(path, options) {
        return new fs2.ReadStream(path, options);
      }
      function createWriteStream3(path, options) {
        return new fs2.WriteStream(path, options);
      }
      var fs$open = fs2.open;
      fs2.open = open2;
      function open2(path, flags, mode, cb) {
        if (typeof mode === "function")
          cb = mode, mode = null;
        return go$open(path, flags, mode, cb);
        function go$open(path2, flags2, mode2, cb2, startTime) {
          return fs$open(path2, flags2, mode2, function(err, fd) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$open, [path2, flags2, mode2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      return fs2;
    }
    function enqueue(elem) {
      debug("ENQUEUE", elem[0].name, elem[1]);
      fs[gracefulQueue].push(elem);
      retry();
    }
    var retryTimer;
    function resetQueue() {
      var now = Date.now();
      for (var i = 0; i < fs[gracefulQueue].length; ++i) {
        if (fs[gracefulQueue][i].length > 2) {
          fs[gracefulQueue][i][3] = now;
          fs[gracefulQueue][i][4] = now;
        }
      }
      retry();
    }
    function retry() {
      clearTimeout(retryTimer);
      retryTimer = void 0;
      if (fs[gracefulQueue].length === 0)
        return;
      var elem = fs[gracefulQueue].shift();
      var fn = elem[0];
      var args = elem[1];
      var err = elem[2];
      var startTime = elem[3];
      var lastTime = elem[4];
      if (startTime === void 0) {
        debug("RETRY", fn.name, args);
        fn.apply(null, args);
      } else if (Date.now() - startTime >= 6e4) {
        debug("TIMEOUT", fn.name, args);
        var cb = args.pop();
        if (typeof cb === "function")
          cb.call(null, err);
      } else {
        var sinceAttempt = Date.now() - lastTime;
        var sinceStart = Math.max(lastTime - startTime, 1);
        var desiredDelay = Math.min(sinceStart * 1.2, 100);
        if (sinceAttempt >= desiredDelay) {
          debug("RETRY", fn.name, args);
          fn.apply(null, args.concat([startTime]));
        } else {
          fs[gracefulQueue].push(elem);
        }
      }
      if (retryTimer === void 0) {
        retryTimer = setTimeout(retry, 0);
      }
    }
  }
});

// node_modules/retry/lib/retry_operation.js
var require_retry_operation = __commonJS({
  "node_modules/retry/lib/retry_operation.js"(exports, module) {
    function RetryOperation(timeouts, options) {
      if (typeof options === "boolean") {
        options = { forever: options };
      }
      this._originalTimeouts = JSON.parse(JSON.stringify(timeouts));
      this._timeouts = timeouts;
      this._options = options || {};
      this._maxRetryTime = options && options.maxRetryTime || Infinity;
      this._fn = null;
      this._errors = [];
      this._attempts = 1;
      this._operationTimeout = null;
      this._operationTimeoutCb = null;
      this._timeout = null;
      this._operationStart = null;
      if (this._options.forever) {
        this._cachedTimeouts = this._timeouts.slice(0);
      }
    }
    module.exports = RetryOperation;
    RetryOperation.prototype.reset = function() {
      this._attempts = 1;
      this._timeouts = this._originalTimeouts;
    };
    RetryOperation.prototype.stop = function() {
      if (this._timeout) {
        clearTimeout(this._timeout);
      }
      this._timeouts = [];
      this._cachedTimeouts = null;
    };
    RetryOperation.prototype.retry = function(err) {
      if (this._timeout) {
        clearTimeout(this._timeout);
      }
      if (!err) {
        return false;
      }
      var currentTime = (/* @__PURE__ */ new Date()).getTime();
      if (err && currentTime - this._operationStart >= this._maxRetryTime) {
        this._errors.unshift(new Error("RetryOperation timeout occurred"));
        return false;
      }
      this._errors.push(err);
      var timeout = this._timeouts.shift();
      if (timeout === void 0) {
        if (this._cachedTimeouts) {
          this._errors.splice(this._errors.length - 1, this._errors.length);
          this._timeouts = this._cachedTimeouts.slice(0);
          timeout = this._timeouts.shift();
        } else {
          return false;
        }
      }
      var self = this;
      var timer = setTimeout(function() {
        self._attempts++;
        if (self._operationTimeoutCb) {
          self._timeout = setTimeout(function() {
            self._operationTimeoutCb(self._attempts);
          }, self._operationTimeout);
          if (self._options.unref) {
            self._timeout.unref();
          }
        }
        self._fn(self._attempts);
      }, timeout);
      if (this._options.unref) {
        timer.unref();
      }
      return true;
    };
    RetryOperation.prototype.attempt = function(fn, timeoutOps) {
      this._fn = fn;
      if (timeoutOps) {
        if (timeoutOps.timeout) {
          this._operationTimeout = timeoutOps.timeout;
        }
        if (timeoutOps.cb) {
          this._operationTimeoutCb = timeoutOps.cb;
        }
      }
      var self = this;
      if (this._operationTimeoutCb) {
        this._timeout = setTimeout(function() {
          self._operationTimeoutCb();
        }, self._operationTimeout);
      }
      this._operationStart = (/* @__PURE__ */ new Date()).getTime();
      this._fn(this._attempts);
    };
    RetryOperation.prototype.try = function(fn) {
      console.log("Using RetryOperation.try() is deprecated");
      this.attempt(fn);
    };
    RetryOperation.prototype.start = function(fn) {
      console.log("Using RetryOperation.start() is deprecated");
      this.attempt(fn);
    };
    RetryOperation.prototype.start = RetryOperation.prototype.try;
    RetryOperation.prototype.errors = function() {
      return this._errors;
    };
    RetryOperation.prototype.attempts = function() {
      return this._attempts;
    };
    RetryOperation.prototype.mainError = function() {
      if (this._errors.length === 0) {
        return null;
      }
      var counts = {};
      var mainError = null;
      var mainErrorCount = 0;
      for (var i = 0; i < this._errors.length; i++) {
        var error = this._errors[i];
        var message = error.message;
        var count = (counts[message] || 0) + 1;
        counts[message] = count;
        if (count >= mainErrorCount) {
          mainError = error;
          mainErrorCount = count;
        }
      }
      return mainError;
    };
  }
});

// node_modules/retry/lib/retry.js
var require_retry = __commonJS({
  "node_modules/retry/lib/retry.js"(exports) {
    var RetryOperation = require_retry_operation();
    exports.operation = function(options) {
      var timeouts = exports.timeouts(options);
      return new RetryOperation(timeouts, {
        forever: options && options.forever,
        unref: options && options.unref,
        maxRetryTime: options && options.maxRetryTime
      });
    };
    exports.timeouts = function(options) {
      if (options instanceof Array) {
        return [].concat(options);
      }
      var opts = {
        retries: 10,
        factor: 2,
        minTimeout: 1 * 1e3,
        maxTimeout: Infinity,
        randomize: false
      };
      for (var key in options) {
        opts[key] = options[key];
      }
      if (opts.minTimeout > opts.maxTimeout) {
        throw new Error("minTimeout is greater than maxTimeout");
      }
      var timeouts = [];
      for (var i = 0; i < opts.retries; i++) {
        timeouts.push(this.createTimeout(i, opts));
      }
      if (options && options.forever && !timeouts.length) {
        timeouts.push(this.createTimeout(i, opts));
      }
      timeouts.sort(function(a, b) {
        return a - b;
      });
      return timeouts;
    };
    exports.createTimeout = function(attempt, opts) {
      var random = opts.randomize ? Math.random() + 1 : 1;
      var timeout = Math.round(random * opts.minTimeout * Math.pow(opts.factor, attempt));
      timeout = Math.min(timeout, opts.maxTimeout);
      return timeout;
    };
    exports.wrap = function(obj, options, methods) {
      if (options instanceof Array) {
        methods = options;
        options = null;
      }
      if (!methods) {
        methods = [];
        for (var key in obj) {
          if (typeof obj[key] === "function") {
            methods.push(key);
          }
        }
      }
      for (var i = 0; i < methods.length; i++) {
        var method = methods[i];
        var original = obj[method];
        obj[method] = function retryWrapper(original2) {
          var op = exports.operation(options);
          var args = Array.prototype.slice.call(arguments, 1);
          var callback = args.pop();
          args.push(function(err) {
            if (op.retry(err)) {
              return;
            }
            if (err) {
              arguments[0] = op.mainError();
            }
            callback.apply(this, arguments);
          });
          op.attempt(function() {
            original2.apply(obj, args);
          });
        }.bind(obj, original);
        obj[method].options = options;
      }
    };
  }
});

// node_modules/retry/index.js
var require_retry2 = __commonJS({
  "node_modules/retry/index.js"(exports, module) {
    module.exports = require_retry();
  }
});

// node_modules/signal-exit/signals.js
var require_signals = __commonJS({
  "node_modules/signal-exit/signals.js"(exports, module) {
    module.exports = [
      "SIGABRT",
      "SIGALRM",
      "SIGHUP",
      "SIGINT",
      "SIGTERM"
    ];
    if (process.platform !== "win32") {
      module.exports.push(
        "SIGVTALRM",
        "SIGXCPU",
        "SIGXFSZ",
        "SIGUSR2",
        "SIGTRAP",
        "SIGSYS",
        "SIGQUIT",
        "SIGIOT"
        // should detect profiler and enable/disable accordingly.
        // see #21
        // 'SIGPROF'
      );
    }
    if (process.platform === "linux") {
      module.exports.push(
        "SIGIO",
        "SIGPOLL",
        "SIGPWR",
        "SIGSTKFLT",
        "SIGUNUSED"
      );
    }
  }
});

// node_modules/signal-exit/index.js
var require_signal_exit = __commonJS({
  "node_modules/signal-exit/index.js"(exports, module) {
    var process2 = global.process;
    var processOk = function(process3) {
      return process3 && typeof process3 === "object" && typeof process3.removeListener === "function" && typeof process3.emit === "function" && typeof process3.reallyExit === "function" && typeof process3.listeners === "function" && typeof process3.kill === "function" && typeof process3.pid === "number" && typeof process3.on === "function";
    };
    if (!processOk(process2)) {
      module.exports = function() {
        return function() {
        };
      };
    } else {
      assert = __require("assert");
      signals = require_signals();
      isWin = /^win/i.test(process2.platform);
      EE = __require("events");
      if (typeof EE !== "function") {
        EE = EE.EventEmitter;
      }
      if (process2.__signal_exit_emitter__) {
        emitter = process2.__signal_exit_emitter__;
      } else {
        emitter = process2.__signal_exit_emitter__ = new EE();
        emitter.count = 0;
        emitter.emitted = {};
      }
      if (!emitter.infinite) {
        emitter.setMaxListeners(Infinity);
        emitter.infinite = true;
      }
      module.exports = function(cb, opts) {
        if (!processOk(global.process)) {
          return function() {
          };
        }
        assert.equal(typeof cb, "function", "a callback must be provided for exit handler");
        if (loaded === false) {
          load();
        }
        var ev = "exit";
        if (opts && opts.alwaysLast) {
          ev = "afterexit";
        }
        var remove = function() {
          emitter.removeListener(ev, cb);
          if (emitter.listeners("exit").length === 0 && emitter.listeners("afterexit").length === 0) {
            unload();
          }
        };
        emitter.on(ev, cb);
        return remove;
      };
      unload = function unload2() {
        if (!loaded || !processOk(global.process)) {
          return;
        }
        loaded = false;
        signals.forEach(function(sig) {
          try {
            process2.removeListener(sig, sigListeners[sig]);
          } catch (er) {
          }
        });
        process2.emit = originalProcessEmit;
        process2.reallyExit = originalProcessReallyExit;
        emitter.count -= 1;
      };
      module.exports.unload = unload;
      emit = function emit2(event, code, signal) {
        if (emitter.emitted[event]) {
          return;
        }
        emitter.emitted[event] = true;
        emitter.emit(event, code, signal);
      };
      sigListeners = {};
      signals.forEach(function(sig) {
        sigListeners[sig] = function listener() {
          if (!processOk(global.process)) {
            return;
          }
          var listeners = process2.listeners(sig);
          if (listeners.length === emitter.count) {
            unload();
            emit("exit", null, sig);
            emit("afterexit", null, sig);
            if (isWin && sig === "SIGHUP") {
              sig = "SIGINT";
            }
            process2.kill(process2.pid, sig);
          }
        };
      });
      module.exports.signals = function() {
        return signals;
      };
      loaded = false;
      load = function load2() {
        if (loaded || !processOk(global.process)) {
          return;
        }
        loaded = true;
        emitter.count += 1;
        signals = signals.filter(function(sig) {
          try {
            process2.on(sig, sigListeners[sig]);
            return true;
          } catch (er) {
            return false;
          }
        });
        process2.emit = processEmit;
        process2.reallyExit = processReallyExit;
      };
      module.exports.load = load;
      originalProcessReallyExit = process2.reallyExit;
      processReallyExit = function processReallyExit2(code) {
        if (!processOk(global.process)) {
          return;
        }
        process2.exitCode = code || /* istanbul ignore next */
        0;
        emit("exit", process2.exitCode, null);
        emit("afterexit", process2.exitCode, null);
        originalProcessReallyExit.call(process2, process2.exitCode);
      };
      originalProcessEmit = process2.emit;
      processEmit = function processEmit2(ev, arg) {
        if (ev === "exit" && processOk(global.process)) {
          if (arg !== void 0) {
            process2.exitCode = arg;
          }
          var ret = originalProcessEmit.apply(this, arguments);
          emit("exit", process2.exitCode, null);
          emit("afterexit", process2.exitCode, null);
          return ret;
        } else {
          return originalProcessEmit.apply(this, arguments);
        }
      };
    }
    var assert;
    var signals;
    var isWin;
    var EE;
    var emitter;
    var unload;
    var emit;
    var sigListeners;
    var loaded;
    var load;
    var originalProcessReallyExit;
    var processReallyExit;
    var originalProcessEmit;
    var processEmit;
  }
});

// node_modules/proper-lockfile/lib/mtime-precision.js
var require_mtime_precision = __commonJS({
  "node_modules/proper-lockfile/lib/mtime-precision.js"(exports, module) {
    "use strict";
    var cacheSymbol = /* @__PURE__ */ Symbol();
    function probe(file, fs, callback) {
      const cachedPrecision = fs[cacheSymbol];
      if (cachedPrecision) {
        return fs.stat(file, (err, stat4) => {
          if (err) {
            return callback(err);
          }
          callback(null, stat4.mtime, cachedPrecision);
        });
      }
      const mtime = new Date(Math.ceil(Date.now() / 1e3) * 1e3 + 5);
      fs.utimes(file, mtime, mtime, (err) => {
        if (err) {
          return callback(err);
        }
        fs.stat(file, (err2, stat4) => {
          if (err2) {
            return callback(err2);
          }
          const precision = stat4.mtime.getTime() % 1e3 === 0 ? "s" : "ms";
          Object.defineProperty(fs, cacheSymbol, { value: precision });
          callback(null, stat4.mtime, precision);
        });
      });
    }
    function getMtime(precision) {
      let now = Date.now();
      if (precision === "s") {
        now = Math.ceil(now / 1e3) * 1e3;
      }
      return new Date(now);
    }
    module.exports.probe = probe;
    module.exports.getMtime = getMtime;
  }
});

// node_modules/proper-lockfile/lib/lockfile.js
var require_lockfile = __commonJS({
  "node_modules/proper-lockfile/lib/lockfile.js"(exports, module) {
    "use strict";
    var path = __require("path");
    var fs = require_graceful_fs();
    var retry = require_retry2();
    var onExit = require_signal_exit();
    var mtimePrecision = require_mtime_precision();
    var locks = {};
    function getLockFile(file, options) {
      return options.lockfilePath || `${file}.lock`;
    }
    function resolveCanonicalPath(file, options, callback) {
      if (!options.realpath) {
        return callback(null, path.resolve(file));
      }
      options.fs.realpath(file, callback);
    }
    function acquireLock(file, options, callback) {
      const lockfilePath = getLockFile(file, options);
      options.fs.mkdir(lockfilePath, (err) => {
        if (!err) {
          return mtimePrecision.probe(lockfilePath, options.fs, (err2, mtime, mtimePrecision2) => {
            if (err2) {
              options.fs.rmdir(lockfilePath, () => {
              });
              return callback(err2);
            }
            callback(null, mtime, mtimePrecision2);
          });
        }
        if (err.code !== "EEXIST") {
          return callback(err);
        }
        if (options.stale <= 0) {
          return callback(Object.assign(new Error("Lock file is already being held"), { code: "ELOCKED", file }));
        }
        options.fs.stat(lockfilePath, (err2, stat4) => {
          if (err2) {
            if (err2.code === "ENOENT") {
              return acquireLock(file, { ...options, stale: 0 }, callback);
            }
            return callback(err2);
          }
          if (!isLockStale(stat4, options)) {
            return callback(Object.assign(new Error("Lock file is already being held"), { code: "ELOCKED", file }));
          }
          removeLock(file, options, (err3) => {
            if (err3) {
              return callback(err3);
            }
            acquireLock(file, { ...options, stale: 0 }, callback);
          });
        });
      });
    }
    function isLockStale(stat4, options) {
      return stat4.mtime.getTime() < Date.now() - options.stale;
    }
    function removeLock(file, options, callback) {
      options.fs.rmdir(getLockFile(file, options), (err) => {
        if (err && err.code !== "ENOENT") {
          return callback(err);
        }
        callback();
      });
    }
    function updateLock(file, options) {
      const lock2 = locks[file];
      if (lock2.updateTimeout) {
        return;
      }
      lock2.updateDelay = lock2.updateDelay || options.update;
      lock2.updateTimeout = setTimeout(() => {
        lock2.updateTimeout = null;
        options.fs.stat(lock2.lockfilePath, (err, stat4) => {
          const isOverThreshold = lock2.lastUpdate + options.stale < Date.now();
          if (err) {
            if (err.code === "ENOENT" || isOverThreshold) {
              return setLockAsCompromised(file, lock2, Object.assign(err, { code: "ECOMPROMISED" }));
            }
            lock2.updateDelay = 1e3;
            return updateLock(file, options);
          }
          const isMtimeOurs = lock2.mtime.getTime() === stat4.mtime.getTime();
          if (!isMtimeOurs) {
            return setLockAsCompromised(
              file,
              lock2,
              Object.assign(
                new Error("Unable to update lock within the stale threshold"),
                { code: "ECOMPROMISED" }
              )
            );
          }
          const mtime = mtimePrecision.getMtime(lock2.mtimePrecision);
          options.fs.utimes(lock2.lockfilePath, mtime, mtime, (err2) => {
            const isOverThreshold2 = lock2.lastUpdate + options.stale < Date.now();
            if (lock2.released) {
              return;
            }
            if (err2) {
              if (err2.code === "ENOENT" || isOverThreshold2) {
                return setLockAsCompromised(file, lock2, Object.assign(err2, { code: "ECOMPROMISED" }));
              }
              lock2.updateDelay = 1e3;
              return updateLock(file, options);
            }
            lock2.mtime = mtime;
            lock2.lastUpdate = Date.now();
            lock2.updateDelay = null;
            updateLock(file, options);
          });
        });
      }, lock2.updateDelay);
      if (lock2.updateTimeout.unref) {
        lock2.updateTimeout.unref();
      }
    }
    function setLockAsCompromised(file, lock2, err) {
      lock2.released = true;
      if (lock2.updateTimeout) {
        clearTimeout(lock2.updateTimeout);
      }
      if (locks[file] === lock2) {
        delete locks[file];
      }
      lock2.options.onCompromised(err);
    }
    function lock(file, options, callback) {
      options = {
        stale: 1e4,
        update: null,
        realpath: true,
        retries: 0,
        fs,
        onCompromised: (err) => {
          throw err;
        },
        ...options
      };
      options.retries = options.retries || 0;
      options.retries = typeof options.retries === "number" ? { retries: options.retries } : options.retries;
      options.stale = Math.max(options.stale || 0, 2e3);
      options.update = options.update == null ? options.stale / 2 : options.update || 0;
      options.update = Math.max(Math.min(options.update, options.stale / 2), 1e3);
      resolveCanonicalPath(file, options, (err, file2) => {
        if (err) {
          return callback(err);
        }
        const operation = retry.operation(options.retries);
        operation.attempt(() => {
          acquireLock(file2, options, (err2, mtime, mtimePrecision2) => {
            if (operation.retry(err2)) {
              return;
            }
            if (err2) {
              return callback(operation.mainError());
            }
            const lock2 = locks[file2] = {
              lockfilePath: getLockFile(file2, options),
              mtime,
              mtimePrecision: mtimePrecision2,
              options,
              lastUpdate: Date.now()
            };
            updateLock(file2, options);
            callback(null, (releasedCallback) => {
              if (lock2.released) {
                return releasedCallback && releasedCallback(Object.assign(new Error("Lock is already released"), { code: "ERELEASED" }));
              }
              unlock(file2, { ...options, realpath: false }, releasedCallback);
            });
          });
        });
      });
    }
    function unlock(file, options, callback) {
      options = {
        fs,
        realpath: true,
        ...options
      };
      resolveCanonicalPath(file, options, (err, file2) => {
        if (err) {
          return callback(err);
        }
        const lock2 = locks[file2];
        if (!lock2) {
          return callback(Object.assign(new Error("Lock is not acquired/owned by you"), { code: "ENOTACQUIRED" }));
        }
        lock2.updateTimeout && clearTimeout(lock2.updateTimeout);
        lock2.released = true;
        delete locks[file2];
        removeLock(file2, options, callback);
      });
    }
    function check(file, options, callback) {
      options = {
        stale: 1e4,
        realpath: true,
        fs,
        ...options
      };
      options.stale = Math.max(options.stale || 0, 2e3);
      resolveCanonicalPath(file, options, (err, file2) => {
        if (err) {
          return callback(err);
        }
        options.fs.stat(getLockFile(file2, options), (err2, stat4) => {
          if (err2) {
            return err2.code === "ENOENT" ? callback(null, false) : callback(err2);
          }
          return callback(null, !isLockStale(stat4, options));
        });
      });
    }
    function getLocks() {
      return locks;
    }
    onExit(() => {
      for (const file in locks) {
        const options = locks[file].options;
        try {
          options.fs.rmdirSync(getLockFile(file, options));
        } catch (e) {
        }
      }
    });
    module.exports.lock = lock;
    module.exports.unlock = unlock;
    module.exports.check = check;
    module.exports.getLocks = getLocks;
  }
});

// node_modules/proper-lockfile/lib/adapter.js
var require_adapter = __commonJS({
  "node_modules/proper-lockfile/lib/adapter.js"(exports, module) {
    "use strict";
    var fs = require_graceful_fs();
    function createSyncFs(fs2) {
      const methods = ["mkdir", "realpath", "stat", "rmdir", "utimes"];
      const newFs = { ...fs2 };
      methods.forEach((method) => {
        newFs[method] = (...args) => {
          const callback = args.pop();
          let ret;
          try {
            ret = fs2[`${method}Sync`](...args);
          } catch (err) {
            return callback(err);
          }
          callback(null, ret);
        };
      });
      return newFs;
    }
    function toPromise(method) {
      return (...args) => new Promise((resolve, reject) => {
        args.push((err, result) => {
          if (err) {
            reject(err);
          } else {
            resolve(result);
          }
        });
        method(...args);
      });
    }
    function toSync(method) {
      return (...args) => {
        let err;
        let result;
        args.push((_err, _result) => {
          err = _err;
          result = _result;
        });
        method(...args);
        if (err) {
          throw err;
        }
        return result;
      };
    }
    function toSyncOptions(options) {
      options = { ...options };
      options.fs = createSyncFs(options.fs || fs);
      if (typeof options.retries === "number" && options.retries > 0 || options.retries && typeof options.retries.retries === "number" && options.retries.retries > 0) {
        throw Object.assign(new Error("Cannot use retries with the sync api"), { code: "ESYNC" });
      }
      return options;
    }
    module.exports = {
      toPromise,
      toSync,
      toSyncOptions
    };
  }
});

// node_modules/proper-lockfile/index.js
var require_proper_lockfile = __commonJS({
  "node_modules/proper-lockfile/index.js"(exports, module) {
    "use strict";
    var lockfile2 = require_lockfile();
    var { toPromise, toSync, toSyncOptions } = require_adapter();
    async function lock(file, options) {
      const release = await toPromise(lockfile2.lock)(file, options);
      return toPromise(release);
    }
    function lockSync(file, options) {
      const release = toSync(lockfile2.lock)(file, toSyncOptions(options));
      return toSync(release);
    }
    function unlock(file, options) {
      return toPromise(lockfile2.unlock)(file, options);
    }
    function unlockSync(file, options) {
      return toSync(lockfile2.unlock)(file, toSyncOptions(options));
    }
    function check(file, options) {
      return toPromise(lockfile2.check)(file, options);
    }
    function checkSync(file, options) {
      return toSync(lockfile2.check)(file, toSyncOptions(options));
    }
    module.exports = lock;
    module.exports.lock = lock;
    module.exports.unlock = unlock;
    module.exports.lockSync = lockSync;
    module.exports.unlockSync = unlockSync;
    module.exports.check = check;
    module.exports.checkSync = checkSync;
  }
});

// src/core/build/run.ts
import { createWriteStream as createWriteStream2 } from "node:fs";
import { mkdir as mkdir2, mkdtemp, open, readFile, rm as rm2, stat as stat2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join2 } from "node:path";

// src/core/daemon/tar-reader.ts
var BLOCK = 512;
async function* readTar(input) {
  const bytes = new ByteReader(input.getReader());
  let longPath;
  let paxPath;
  let paxSize;
  try {
    for (; ; ) {
      const header = await bytes.exactly(BLOCK);
      if (header === void 0 || header.every((b) => b === 0)) return;
      verifyChecksum(header);
      const typeflag = String.fromCharCode(header[156]);
      const size = paxSize ?? parseNumber(header.subarray(124, 136));
      if (typeflag === "x" || typeflag === "L" || typeflag === "g") {
        const data = await bytes.exactly(size);
        if (data === void 0) throw new RuntimeError("archive ends inside an extended header");
        await bytes.skip(padding(size));
        if (typeflag === "L") longPath = cString(data);
        if (typeflag === "x") {
          const records = parsePax(data);
          paxPath = records.get("path") ?? paxPath;
          const sizeRecord = records.get("size");
          if (sizeRecord !== void 0) paxSize = Number(sizeRecord);
        }
        continue;
      }
      const prefix = cString(header.subarray(345, 500));
      const name = cString(header.subarray(0, 100));
      const path = paxPath ?? longPath ?? (prefix !== "" && header.subarray(257, 262).toString() === "ustar" ? `${prefix}/${name}` : name);
      longPath = paxPath = paxSize = void 0;
      const body = bytes.slice(size);
      yield { path: path.replace(/^\.\//, ""), type: entryType(typeflag), size, body: body.stream };
      await body.finish();
      await bytes.skip(padding(size));
    }
  } finally {
    await bytes.cancel();
  }
}
function entryType(flag) {
  switch (flag) {
    case "0":
    case "\0":
    case "7":
      return "file";
    case "5":
      return "directory";
    case "2":
      return "symlink";
    case "1":
      return "link";
    default:
      return "other";
  }
}
function padding(size) {
  return (BLOCK - size % BLOCK) % BLOCK;
}
function cString(bytes) {
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString("utf8");
}
function parseNumber(field) {
  if ((field[0] & 128) !== 0) {
    let value = field[0] & 127;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i];
    return value;
  }
  const text = cString(field).trim();
  return text === "" ? 0 : parseInt(text, 8);
}
function verifyChecksum(header) {
  const stored = parseNumber(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
  if (sum !== stored) throw new RuntimeError("not a tar archive (bad header checksum)");
}
function parsePax(data) {
  const records = /* @__PURE__ */ new Map();
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(32, pos);
    if (space === -1) break;
    const length = Number(data.subarray(pos, space).toString());
    if (!(length > 0)) break;
    const record = data.subarray(space + 1, pos + length - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq !== -1) records.set(record.slice(0, eq), record.slice(eq + 1));
    pos += length;
  }
  return records;
}
var ByteReader = class {
  constructor(reader) {
    this.reader = reader;
  }
  reader;
  pending = new Uint8Array(0);
  ended = false;
  /** The next `n` bytes, or undefined at a clean end of input. */
  async exactly(n) {
    const parts = [];
    let have = 0;
    while (have < n) {
      const chunk = await this.next(n - have);
      if (chunk === void 0) {
        if (have === 0) return void 0;
        throw new RuntimeError("archive is truncated");
      }
      parts.push(chunk);
      have += chunk.length;
    }
    return Buffer.concat(parts);
  }
  async skip(n) {
    for (let left = n; left > 0; ) {
      const chunk = await this.next(left);
      if (chunk === void 0) throw new RuntimeError("archive is truncated");
      left -= chunk.length;
    }
  }
  /** The next `size` bytes as a stream, and a way to skip what its reader left. */
  slice(size) {
    let left = size;
    const stream = new ReadableStream(
      {
        pull: async (out) => {
          if (left === 0) return out.close();
          const chunk = await this.next(left);
          if (chunk === void 0) throw new RuntimeError("archive is truncated");
          left -= chunk.length;
          out.enqueue(chunk);
          if (left === 0) out.close();
        }
      },
      { highWaterMark: 0 }
    );
    return { stream, finish: () => this.skip(left).then(() => void (left = 0)) };
  }
  async cancel() {
    if (!this.ended) await this.reader.cancel().catch(() => {
    });
  }
  /** Up to `max` bytes; undefined at end of input. */
  async next(max) {
    if (this.pending.length === 0) {
      if (this.ended) return void 0;
      const { done: done2, value } = await this.reader.read();
      if (done2) {
        this.ended = true;
        return void 0;
      }
      this.pending = value;
    }
    const chunk = this.pending.subarray(0, max);
    this.pending = this.pending.subarray(chunk.length);
    return chunk;
  }
};

// src/core/daemon/daemon-import.ts
var MAX_JSON = 4 * 1024 * 1024;
var OCI_BLOB = /^blobs\/sha256\/([a-f0-9]{64})$/;
var LEGACY_LAYER = /(^|\/)layer\.tar$/;
async function importFromDaemon(local, store, ref, repository, tag, onBlob) {
  const imageId = await local.imageId(ref);
  if (imageId === void 0) return void 0;
  const current = await store.resolve(repository, tag);
  if (current !== void 0 && await store.complete(repository, current)) {
    const manifest2 = await store.manifest(repository, current);
    if (manifest2?.references[0]?.digest === imageId) return { digest: current, bytesCopied: 0, unchanged: true };
  }
  const stored = /* @__PURE__ */ new Map();
  const json = /* @__PURE__ */ new Map();
  let bytesCopied = 0;
  for await (const entry of readTar(await local.save(ref))) {
    if (entry.type !== "file") continue;
    const named = OCI_BLOB.exec(entry.path);
    if (entry.path === "manifest.json" || entry.path === `${imageId.slice("sha256:".length)}.json` || named && `sha256:${named[1]}` === imageId) {
      json.set(entry.path, await readAll(entry, ref));
      continue;
    }
    if (named === null && !LEGACY_LAYER.test(entry.path)) continue;
    const { head, body } = await peek(entry.body);
    if (head[0] === 123) {
      await body.cancel();
      continue;
    }
    const mediaType = layerMediaType(head, ref);
    let blob = named !== null ? { digest: `sha256:${named[1]}`, size: entry.size } : void 0;
    if (blob !== void 0 && await store.hasBlob(blob)) await body.cancel();
    else {
      if (blob !== void 0) await store.writeBlob(blob, body);
      else blob = await store.writeUnknownBlob(body);
      bytesCopied += blob.size;
      onBlob?.(blob.digest, blob.size);
    }
    await store.linkLayer(repository, blob.digest);
    stored.set(entry.path, { ...blob, mediaType });
  }
  const saved = parseSaveManifest(json.get("manifest.json"), ref);
  const config = json.get(saved.config);
  if (config === void 0 || sha256Digest(config) !== imageId) {
    throw new RuntimeError(`docker save of ${ref} has no config matching image ${imageId}`);
  }
  const layers = saved.layers.map((path) => {
    const layer = stored.get(path);
    if (layer === void 0) throw new RuntimeError(`docker save of ${ref} lists layer ${path} but does not contain it`);
    return layer;
  });
  if (!await store.hasBlob({ digest: imageId, size: config.length })) bytesCopied += config.length;
  await store.writeBytes(config);
  await store.linkLayer(repository, imageId);
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: DOCKER_MANIFEST,
      config: { mediaType: DOCKER_CONFIG, size: config.length, digest: imageId },
      layers: layers.map((l) => ({ mediaType: l.mediaType, size: l.size, digest: l.digest }))
    })
  );
  const manifest = parseManifest(bytes, DOCKER_MANIFEST);
  await store.putManifest(repository, tag, manifest);
  return { digest: manifest.digest, bytesCopied, unchanged: false };
}
function layerMediaType(head, ref) {
  if (head[0] === 31 && head[1] === 139) return DOCKER_LAYER_GZIP;
  if (head[0] === 40 && head[1] === 181 && head[2] === 47 && head[3] === 253) {
    throw new RuntimeError(`docker save of ${ref} has a zstd layer, which a Docker schema 2 manifest cannot describe`);
  }
  return DOCKER_LAYER;
}
function parseSaveManifest(raw, ref) {
  if (raw === void 0) throw new RuntimeError(`docker save of ${ref} has no manifest.json`);
  const parsed = JSON.parse(raw.toString("utf8"));
  const first = Array.isArray(parsed) ? parsed[0] : void 0;
  if (typeof first?.Config !== "string" || !Array.isArray(first.Layers) || !first.Layers.every((l) => typeof l === "string")) {
    throw new RuntimeError(`docker save of ${ref} has an unreadable manifest.json`);
  }
  return { config: first.Config, layers: first.Layers };
}
async function readAll(entry, ref) {
  if (entry.size > MAX_JSON) throw new RuntimeError(`docker save of ${ref}: ${entry.path} is over ${MAX_JSON} bytes`);
  const parts = [];
  for (const reader = entry.body.getReader(); ; ) {
    const { done: done2, value } = await reader.read();
    if (done2) return Buffer.concat(parts);
    parts.push(value);
  }
}
async function peek(stream) {
  const reader = stream.getReader();
  const first = [];
  let length = 0;
  while (length < 4) {
    const { done: done2, value } = await reader.read();
    if (done2) break;
    first.push(value);
    length += value.length;
  }
  const head = Buffer.concat(first);
  let replayed = false;
  const body = new ReadableStream(
    {
      async pull(out) {
        if (!replayed) {
          replayed = true;
          if (head.length > 0) return out.enqueue(head);
        }
        const { done: done2, value } = await reader.read();
        if (done2) out.close();
        else out.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason)
    },
    { highWaterMark: 0 }
  );
  return { head, body };
}

// src/core/storage/preload-store.ts
import { createHash as createHash2 } from "node:crypto";
import { createWriteStream, readFileSync, statSync } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/core/oci/digest-stream.ts
import { createHash } from "node:crypto";
var DigestMismatchError = class extends RuntimeError {
};
function verifyingStream(expected, onBytes) {
  const hash = createHash("sha256");
  let seen = 0;
  let held;
  return new TransformStream({
    transform(chunk, out) {
      seen += chunk.length;
      if (seen > expected.size) {
        throw new DigestMismatchError(`blob ${expected.digest} is longer than its declared ${expected.size} bytes`);
      }
      hash.update(chunk);
      if (held !== void 0) out.enqueue(held);
      held = chunk;
      onBytes?.(seen);
    },
    flush(out) {
      if (seen !== expected.size) {
        throw new DigestMismatchError(`blob ${expected.digest} ended after ${seen} of its ${expected.size} bytes`);
      }
      const actual = `sha256:${hash.digest("hex")}`;
      if (actual !== expected.digest) {
        throw new DigestMismatchError(`blob ${expected.digest} has content with digest ${actual}`);
      }
      if (held !== void 0) out.enqueue(held);
    }
  });
}

// src/core/storage/preload-store.ts
var MAX_MANIFEST = 4 * 1024 * 1024;
var STAGING = ".sew-ci-staging";
var PreloadStore = class {
  /** `root` is the registry's rootdirectory (what it mounts at /var/lib/registry). */
  constructor(root) {
    this.root = root;
    this.staging = join(root, STAGING);
  }
  root;
  staging;
  writes = /* @__PURE__ */ new Map();
  ready;
  /** What a tag or digest resolves to in `repository`; undefined when it is not there. */
  async resolve(repository, reference) {
    if (!SHA256_DIGEST.test(reference)) return readLink(tagCurrentLinkPath(this.root, repository, reference));
    return await readLink(revisionLinkPath(this.root, repository, reference)) === reference ? reference : void 0;
  }
  /** The manifest `digest` as `repository` serves it; undefined when not linked there or its bytes are gone. */
  async manifest(repository, digest) {
    if (await readLink(revisionLinkPath(this.root, repository, digest)) !== digest) return void 0;
    return this.storedManifest(digest);
  }
  /** A manifest held as a blob, linked anywhere or nowhere; undefined when absent, damaged or no manifest. */
  async storedManifest(digest) {
    if (!SHA256_DIGEST.test(digest)) return void 0;
    const path = blobDataPath(this.root, digest);
    const size = fileSize(path);
    if (size === void 0 || size > MAX_MANIFEST) return void 0;
    let bytes;
    try {
      bytes = readFileSync(path);
    } catch {
      return void 0;
    }
    if (sha256Digest(bytes) !== digest) return void 0;
    try {
      return parseManifest(bytes, null);
    } catch {
      return void 0;
    }
  }
  /**
   * Whether everything manifest `digest` needs is on disk and linked into `repository` (every
   * child of an index too). A tag that resolves is not enough: a restored cache may have lost
   * a blob (dropped as damaged), and the registry would serve the manifest and fail the pull.
   */
  complete(repository, digest, seen = /* @__PURE__ */ new Map()) {
    let known = seen.get(digest);
    if (!known) seen.set(digest, known = this.completeOnce(repository, digest, seen));
    return known;
  }
  async completeOnce(repository, digest, seen) {
    const manifest = await this.manifest(repository, digest);
    if (manifest === void 0) return false;
    const parts = isIndex(manifest.mediaType) ? manifest.references.map((entry) => this.complete(repository, entry.digest, seen)) : requiredBlobs(manifest).map((blob) => this.hasLayer(repository, blob));
    return (await Promise.all(parts)).every(Boolean);
  }
  /** The blob's data is there with its size; its content was verified when it was written. */
  async hasBlob(blob) {
    return fileSize(blobDataPath(this.root, blob.digest)) === blob.size;
  }
  async hasLayer(repository, blob) {
    const [data, link] = await Promise.all([this.hasBlob(blob), readLink(layerLinkPath(this.root, repository, blob.digest))]);
    return data && link === blob.digest;
  }
  /**
   * Runs `write` unless the store holds the blob already, at most once per digest however
   * many images ask: later callers wait for the first one's write. Resolves with the bytes
   * this call wrote.
   */
  ensureBlob(blob, write) {
    const pending = this.writes.get(blob.digest);
    if (pending !== void 0) return pending.then(() => 0);
    const writing = this.hasBlob(blob).then((present) => present ? 0 : write());
    this.writes.set(blob.digest, writing);
    writing.catch(() => this.writes.delete(blob.digest));
    return writing;
  }
  /** Writes a blob from `body`, hashing it on the way; nothing is committed unless size and digest match. */
  async writeBlob(blob, body, onBytes) {
    await this.commit(blob.digest, (data) => pipeline(Readable.fromWeb(body.pipeThrough(verifyingStream(blob, onBytes))), createWriteStream(data)));
  }
  /** Writes a blob whose digest is learned from its bytes; resolves with what it was stored under. */
  async writeUnknownBlob(body) {
    const hash = createHash2("sha256");
    let size = 0;
    const counting = new Transform({
      transform(chunk, _encoding, done2) {
        hash.update(chunk);
        size += chunk.length;
        done2(null, chunk);
      }
    });
    const staged = await this.stage();
    try {
      await pipeline(Readable.fromWeb(body), counting, createWriteStream(join(staged, "data")));
      const digest = `sha256:${hash.digest("hex")}`;
      if (!await this.hasBlob({ digest, size })) await this.place(staged, digest);
      return { digest, size };
    } finally {
      await rm(staged, { recursive: true, force: true });
    }
  }
  /** Writes small content (a manifest, a config) as a blob unless it is there; resolves with its digest. */
  async writeBytes(bytes) {
    const blob = { digest: sha256Digest(bytes), size: bytes.length };
    await this.ensureBlob(blob, async () => {
      await this.commit(blob.digest, (data) => writeFile(data, bytes));
      return blob.size;
    });
    return blob.digest;
  }
  /** Makes a blob of the store part of `repository`. */
  linkLayer(repository, digest) {
    return this.link(layerLinkPath(this.root, repository, digest), digest);
  }
  /**
   * Stores `manifest` verbatim and makes `repository` serve it under `reference` (a tag, or
   * its digest). Everything it references must be in `repository` already.
   */
  async putManifest(repository, reference, manifest) {
    await this.writeBytes(manifest.bytes);
    await this.link(revisionLinkPath(this.root, repository, manifest.digest), manifest.digest);
    if (SHA256_DIGEST.test(reference)) return;
    await this.link(tagIndexLinkPath(this.root, repository, reference, manifest.digest), manifest.digest);
    await this.link(tagCurrentLinkPath(this.root, repository, reference), manifest.digest);
  }
  async link(path, digest) {
    if (await readLink(path) === digest) return;
    await this.prepare();
    await writeFileAtomic(path, digest, { tmpDir: this.staging, sync: false });
  }
  /** Produces the blob's data in a staging directory, then moves that directory into place whole. */
  async commit(digest, produce) {
    const staged = await this.stage();
    try {
      await produce(join(staged, "data"));
      await this.place(staged, digest);
    } finally {
      await rm(staged, { recursive: true, force: true });
    }
  }
  async place(staged, digest) {
    const target = blobDir(this.root, digest);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(staged, target);
    } catch (err) {
      const code = err.code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw err;
      const size = await stat(join(staged, "data")).then((s) => s.size);
      if (await this.hasBlob({ digest, size })) return;
      await rm(target, { recursive: true, force: true });
      await rename(staged, target);
    }
  }
  async stage() {
    await this.prepare();
    const dir = temporaryPath(this.staging, "blob");
    await mkdir(dir);
    return dir;
  }
  /** Staging left by a killed run is garbage: one run at a time holds this store (the home lock). */
  prepare() {
    this.ready ??= (async () => {
      await rm(this.staging, { recursive: true, force: true });
      await mkdir(this.staging, { recursive: true });
    })();
    return this.ready;
  }
};
function fileSize(path) {
  try {
    const found = statSync(path, { throwIfNoEntry: false });
    return found?.isFile() ? found.size : void 0;
  } catch {
    return void 0;
  }
}

// src/core/build/run.ts
var TAIL_LINES = 20;
var TAIL_BYTES = 16 * 1024;
async function runBuilds(builds, target, options, deps) {
  await mkdir2(options.logDir, { recursive: true });
  const store = new PreloadStore(target.root);
  return deps.reporter.phase("Builds", async () => {
    deps.reporter.info(`logs in ${options.logDir}`);
    const reports = [];
    for (const build of builds) reports.push(await runOne(build, store, options, deps));
    return reports;
  });
}
async function runOne(build, store, options, deps) {
  const paths = build.paths;
  const started = performance.now();
  const logPath = join2(options.logDir, `${build.name}.log`);
  const log = createWriteStream2(logPath);
  const write = (text) => void log.write(text);
  let failed2 = false;
  try {
    if (!options.skipPre) {
      for (const command of build.pre) {
        write(`$ ${command}
`);
        const { code } = await deps.exec.run("sh", ["-c", command], { cwd: paths.dir, env: options.env, onOutput: write, collect: false });
        if (code !== 0) throw new BuildFailure(`pre command "${command}" exited with ${code}`);
      }
    }
    const how = await exists(paths.dockerfile) ? "docker build" : "pre";
    if (how === "pre" && paths.dockerfileWritten) throw new InputError(build.where, `build "${build.name}": dockerfile ${paths.dockerfile} does not exist`);
    if (how === "pre" && build.pre.length === 0) {
      throw new InputError(build.where, `build "${build.name}": nothing to build, no pre commands and no ${paths.dockerfile}`);
    }
    const imageId = how === "docker build" ? await dockerBuild(build, paths, options.env, deps.exec, write) : await deps.localImages.imageId(build.image);
    if (imageId === void 0) throw new BuildFailure(`the pre commands left no image ${build.image} in the Docker daemon (and there is no ${paths.dockerfile})`);
    write(`
writing ${build.image} (${imageId}) into the preload registry
`);
    const ref = parseReference(build.image);
    const written = await importFromDaemon(deps.localImages, store, imageId, preloadRepository(ref), ref.tag);
    if (written === void 0) throw new BuildFailure(`image ${imageId} left the Docker daemon before it was written`);
    write(`${written.unchanged ? "already there" : "written"}: ${written.digest}
`);
    const ms = Math.round(performance.now() - started);
    deps.reporter.info(`${build.name}  ${build.image}  ${how}, ${written.unchanged ? "unchanged" : "written"} ${written.digest.slice(0, 19)}  ${(ms / 1e3).toFixed(1)} s`);
    return { name: build.name, image: build.image, digest: written.digest, bytesCopied: written.bytesCopied, how, log: logPath, ms };
  } catch (err) {
    if (!(err instanceof BuildFailure)) throw err;
    failed2 = true;
    write(`
failed: ${err.message}
`);
    throw new RuntimeError(`build "${build.name}" failed: ${err.message}; log: ${logPath}`);
  } finally {
    await close(log);
    if (failed2) {
      deps.reporter.info(`${build.name}  ${build.image}  FAILED; last lines of ${logPath}:`);
      for (const line of await tail(logPath)) deps.reporter.info(`  | ${line}`);
    }
  }
}
var BuildFailure = class extends Error {
};
async function dockerBuild(build, paths, env, exec, write) {
  const scratch = await mkdtemp(join2(tmpdir(), "sew-build-"));
  try {
    const iidFile = join2(scratch, "iid");
    const command = dockerBuildCommand(build, paths, iidFile, env);
    write(`$ docker ${command.args.join(" ")}
`);
    const { code } = await exec.run("docker", command.args, { env: command.env, onOutput: write, collect: false });
    if (code !== 0) throw new BuildFailure(`docker build exited with ${code}`);
    return (await readFile(iidFile, "utf8")).trim();
  } finally {
    await rm2(scratch, { recursive: true, force: true });
  }
}
async function tail(path) {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const length = Math.min(size, TAIL_BYTES);
    const { buffer } = await file.read(Buffer.alloc(length), 0, length, size - length);
    return buffer.toString("utf8").split(/\r?\n|\r/).filter((line) => line.trim() !== "").slice(-TAIL_LINES);
  } finally {
    await file.close();
  }
}
function close(stream) {
  return new Promise((resolve) => stream.end(resolve));
}
async function exists(path) {
  return stat2(path).then(() => true, () => false);
}

// src/core/containerd/write-hosts.ts
import { readdir, rm as rm3, stat as stat3 } from "node:fs/promises";
import { join as join3 } from "node:path";
async function writeHostsDir(hostsDir, files) {
  const written = [];
  for (const [host, content] of files) {
    const path = join3(hostsDir, host, "hosts.toml");
    await writeFileAtomic(path, content);
    written.push(path);
  }
  for (const entry of await readdir(hostsDir).catch(() => [])) {
    for (const file of await readdir(join3(hostsDir, entry)).catch(() => [])) {
      if (file.endsWith(".tmp")) await rm3(join3(hostsDir, entry, file), { force: true });
    }
    if (files.has(entry)) continue;
    const isOurs = await stat3(join3(hostsDir, entry, "hosts.toml")).then(() => true, () => false);
    if (isOurs) await rm3(join3(hostsDir, entry), { recursive: true, force: true });
  }
  return written;
}

// src/core/containers/registry.ts
import { createHash as createHash3 } from "node:crypto";
import { mkdir as mkdir3 } from "node:fs/promises";

// src/core/ports/container-engine.ts
var EngineError = class extends RuntimeError {
  constructor(message, failure) {
    super(message);
    this.failure = failure;
  }
  failure;
};

// src/core/containers/image.ts
async function ensureImage(engine, image, onPull) {
  if (await engine.hasImage(image)) return "present";
  onPull?.(image);
  await engine.pullImage(image);
  return "pulled";
}

// src/core/containers/registry.ts
var MANAGED_LABEL = "sew-ci.managed";
var ROLE_LABEL = "sew-ci.role";
var HOME_LABEL = "sew-ci.home";
var SPEC_LABEL = "sew-ci.spec";
async function ensureRegistry(engine, spec, options = {}) {
  const fingerprint = specFingerprint(spec);
  const existing = await engine.inspect(spec.name);
  if (existing?.running && !existing.restarting && existing.labels[SPEC_LABEL] === fingerprint) {
    const hostPort2 = publishedPort(existing, address(spec));
    if (hostPort2 !== void 0) return running(spec, hostPort2, "kept");
  }
  await engine.ensureNetwork(spec.network, { [MANAGED_LABEL]: "true" });
  await ensureImage(engine, spec.image, options.onPull);
  if (existing) await engine.remove(spec.name);
  await mkdir3(spec.dataDir, { recursive: true });
  let started;
  try {
    started = await engine.run({
      name: spec.name,
      image: spec.image,
      env: spec.env ?? {},
      labels: { [MANAGED_LABEL]: "true", [ROLE_LABEL]: spec.role, [HOME_LABEL]: spec.home, [SPEC_LABEL]: fingerprint },
      network: spec.network,
      mounts: [{ source: spec.dataDir, target: "/var/lib/registry" }],
      ports: [{ containerPort: REGISTRY_PORT, hostIp: address(spec), hostPort: spec.hostPort ?? 0 }],
      restartUnlessStopped: true
    });
  } catch (err) {
    if (err instanceof EngineError && err.failure === "port-taken" && spec.hostPort !== void 0) throw await portTaken(engine, spec, spec.hostPort);
    throw err;
  }
  const hostPort = publishedPort(started, address(spec));
  if (hostPort === void 0) {
    const crashed = await crashReason(engine, spec.name);
    throw new RuntimeError(crashed ? `registry ${spec.name} exits at start: ${crashed}` : `container ${spec.name} started without a published port`);
  }
  return running(spec, hostPort, existing ? "replaced" : "created");
}
async function waitForRegistry(url, timeoutMs = 3e4, container) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const reply = await send(new URL(`${url}/v2/`), { method: "GET", stallMs: 2e3 });
      await discard(reply);
      if (reply.status === 200 || reply.status === 401) return;
      last = `HTTP ${reply.status}`;
    } catch (err) {
      last = err.message;
    }
    const crashed = container && await crashReason(container.engine, container.name);
    if (crashed) throw new RuntimeError(`registry ${container.name} exits at start: ${crashed}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new RuntimeError(`registry at ${url} did not become ready within ${timeoutMs / 1e3} s (${last})`);
}
function address(spec) {
  return spec.publish?.address ?? "127.0.0.1";
}
function running(spec, hostPort, action) {
  const host = spec.publish?.host ?? "127.0.0.1";
  return { name: spec.name, url: `http://${host}:${hostPort}`, hostPort, networkUrl: `http://${spec.name}:${REGISTRY_PORT}`, action };
}
function publishedPort(state, hostIp) {
  return state.ports.find((p) => p.containerPort === REGISTRY_PORT && (p.hostIp === hostIp || p.hostIp === "") && p.hostPort > 0)?.hostPort;
}
function specFingerprint(spec) {
  const env = Object.entries(spec.env ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const canonical = JSON.stringify({ image: spec.image, dataDir: spec.dataDir, network: spec.network, port: spec.hostPort ?? null, env, role: spec.role, home: spec.home, address: address(spec) });
  return createHash3("sha256").update(canonical).digest("hex").slice(0, 16);
}
async function portTaken(engine, spec, port) {
  const containers = await engine.list({}).catch(() => []);
  const holder = containers.find((c) => c.ports.some((p) => p.hostPort === port))?.name;
  const by = holder ? ` by container ${holder}` : " by another process";
  return new EngineError(`port ${address(spec)}:${port} for ${spec.name} is already taken${by}`, "port-taken");
}
async function crashReason(engine, name) {
  const state = await engine.inspect(name).catch(() => void 0);
  if (!state || state.running && !state.restarting && state.restartCount === 0) return void 0;
  const lines = await engine.logs(name, 20).catch(() => []);
  return lines.find((l) => l.startsWith("panic:")) ?? lines.at(-1) ?? `state ${state.status}`;
}

// src/core/containers/preload-registry.ts
async function launchPreloadRegistry(engine, plan, note) {
  const registry = await ensureRegistry(
    engine,
    {
      name: plan.preload.container,
      role: "preload",
      home: plan.home.id,
      image: plan.registryImage,
      dataDir: plan.preload.data,
      network: KIND_NETWORK,
      publish: plan.publish
    },
    { onPull: (image) => note(`pulling ${image}`) }
  );
  await waitForRegistry(registry.url, void 0, { engine, name: registry.name });
  return registry;
}

// src/core/credentials/docker-config.ts
import { readFile as readFile2 } from "node:fs/promises";
import { join as join4 } from "node:path";

// src/core/credentials/credential-helper.ts
var HelperMissingError = class extends RuntimeError {
};
var TIMEOUT_MS = 3e4;
var MAX_OUTPUT = 1024 * 1024;
async function runCredentialHelper(helper, server, env) {
  const program = `docker-credential-${helper}`;
  const { spawn } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn(program, ["get"], { stdio: ["pipe", "pipe", "pipe"], env });
    const stdout = [];
    let size = 0;
    let failure;
    const timer = setTimeout(() => {
      failure = new RuntimeError(`${program} did not answer for ${server} within ${TIMEOUT_MS / 1e3}s`);
      child.kill("SIGKILL");
    }, TIMEOUT_MS);
    child.stdout.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) {
        failure = new RuntimeError(`${program} wrote more than ${MAX_OUTPUT} bytes for ${server}`);
        child.kill("SIGKILL");
      } else stdout.push(chunk);
    });
    child.stderr.resume();
    child.stdin.on("error", () => {
    });
    child.on("error", (err) => {
      failure = err.code === "ENOENT" ? new HelperMissingError(`credential helper ${program} is not on PATH (needed for ${server})`) : new RuntimeError(`credential helper ${program} could not start: ${err.code ?? err.message}`);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (failure !== void 0) return reject(failure);
      const out = Buffer.concat(stdout).toString("utf8");
      if (code !== 0) {
        if (/credentials not found/i.test(out)) return resolve(void 0);
        return reject(new RuntimeError(`credential helper ${program} failed for ${server} (exit ${code})`));
      }
      resolve(parseHelperOutput(out, program, server));
    });
    child.stdin.end(server);
  });
}
function parseHelperOutput(out, program, server) {
  let parsed;
  try {
    parsed = JSON.parse(out);
  } catch {
    throw new RuntimeError(`credential helper ${program} wrote something other than JSON for ${server}`);
  }
  if (typeof parsed.Username !== "string" || typeof parsed.Secret !== "string" || parsed.Secret === "") return void 0;
  if (parsed.Username === "<token>") {
    throw new RuntimeError(`credential helper ${program} returned an identity token for ${server}; only username/password credentials are supported`);
  }
  return { username: parsed.Username, password: parsed.Secret };
}

// src/core/credentials/docker-config.ts
var HUB_KEY = "https://index.docker.io/v1/";
var HUB_ALIASES = /* @__PURE__ */ new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);
function credentialKey(server) {
  const host = server.replace(/^https?:\/\//i, "").split("/")[0].toLowerCase();
  return HUB_ALIASES.has(host) ? HUB_KEY : host;
}
function dockerConfigCredentials(env, options = {}) {
  const dir = options.configDir ?? (env["DOCKER_CONFIG"] || join4(homeDir(env), ".docker"));
  const path = join4(dir, "config.json");
  const runHelper = options.runHelper ?? ((helper, server) => runCredentialHelper(helper, server, env));
  let config;
  return async (host) => {
    config ??= readConfig(path);
    const file = await config;
    const key = credentialKey(host);
    const helper = findByKey(file.credHelpers, key);
    if (helper !== void 0) return runHelper(helper, key);
    if (file.credsStore !== void 0 && file.credsStore !== "") {
      try {
        const stored = await runHelper(file.credsStore, key);
        if (stored !== void 0) return stored;
      } catch (err) {
        if (!(err instanceof HelperMissingError)) throw err;
      }
    }
    return inlineAuth(findByKey(file.auths, key), path, key);
  };
}
async function readConfig(path) {
  let text;
  try {
    text = await readFile2(path, "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return {};
    throw err;
  }
  try {
    const parsed = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    throw new InputError(path, "not valid JSON");
  }
}
function findByKey(entries, key) {
  if (entries === void 0) return void 0;
  for (const [server, value] of Object.entries(entries)) {
    if (credentialKey(server) === key) return value;
  }
  return void 0;
}
function inlineAuth(entry, path, key) {
  if (entry === void 0) return void 0;
  if (typeof entry.auth === "string" && entry.auth !== "") {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) throw new InputError(path, `auths entry for ${key} is not base64 "user:password"`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === "string" && typeof entry.password === "string") {
    return { username: entry.username, password: entry.password };
  }
  return void 0;
}

// src/core/docker/dockerode-engine.ts
import { Readable as Readable2 } from "node:stream";

// src/core/docker/engine-http.ts
import { request } from "node:http";
var DEFAULT_SOCKET = "/var/run/docker.sock";
var MAX_ANSWER = 1024 * 1024;
var TIMEOUT_MS2 = 3e4;
function dockerEndpoint(env) {
  return env.DOCKER_HOST || `unix://${DEFAULT_SOCKET}`;
}
function socketPathOf(env) {
  const host = env.DOCKER_HOST;
  if (host === void 0 || host === "") return DEFAULT_SOCKET;
  return host.startsWith("unix://") ? host.slice("unix://".length) : void 0;
}
function engineGet(socketPath, path, as = "json") {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: "GET", agent: false, timeout: TIMEOUT_MS2, headers: { Host: "docker" } }, (res) => {
      const chunks = [];
      let size = 0;
      res.on("data", (chunk) => {
        size += chunk.length;
        if (size > MAX_ANSWER) req.destroy(new Error(`GET ${path}: answer over ${MAX_ANSWER} bytes`));
        else chunks.push(chunk);
      });
      res.on("error", reject);
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const status = res.statusCode ?? 0;
        if (status === 404) return resolve(void 0);
        const parsed = as === "json" || status >= 300 ? parseJson(body) : body;
        if (status >= 200 && status < 300) return parsed === void 0 ? reject(new Error(`GET ${path}: the answer is not JSON`)) : resolve(parsed);
        const message = parsed?.message ?? body.trim();
        reject(Object.assign(new Error(message), { statusCode: status, json: { message } }));
      });
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error(`no answer to GET ${path} within ${TIMEOUT_MS2 / 1e3} s`), { code: "ETIMEDOUT" })));
    req.on("error", reject);
    req.end();
  });
}
function parseJson(body) {
  try {
    return JSON.parse(body);
  } catch {
    return void 0;
  }
}

// src/core/docker/dockerode-engine.ts
async function connectEngine(env) {
  const engine = dockerEngine(env);
  await engine.ping();
  return engine;
}
function dockerEngine(env) {
  const endpoint = dockerEndpoint(env);
  const socketPath = socketPathOf(env);
  let client;
  const docker = () => client ??= import("./docker-MO5LZY6L.js").then(({ default: Dockerode }) => new Dockerode(socketPath === void 0 ? void 0 : { socketPath }));
  const call = async (what, work) => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof EngineError) throw err;
      if (isUnreachable(err)) throw new EngineError(`cannot reach the Docker daemon at ${endpoint}: ${dockerReason(err)}`, "unreachable");
      throw new EngineError(`${what}: ${dockerReason(err)}`, err.statusCode === 409 ? "conflict" : "other");
    }
  };
  const unlessMissing = async (work) => {
    try {
      return await work();
    } catch (err) {
      if (isNotFound(err)) return void 0;
      throw err;
    }
  };
  const inspectContainer = (name) => call(`cannot inspect container ${name}`, async () => {
    if (socketPath === void 0) return unlessMissing(async () => containerState(await (await docker()).getContainer(name).inspect()));
    const answer = await engineGet(socketPath, `/containers/${encodeURIComponent(name)}/json`);
    return answer === void 0 ? void 0 : containerState(answer);
  });
  return {
    endpoint,
    async ping() {
      await call("cannot ping the Docker daemon", async () => {
        if (socketPath === void 0) await (await docker()).ping();
        else await engineGet(socketPath, "/_ping", "text");
      });
    },
    inspect: inspectContainer,
    async run(spec) {
      const engine = await docker();
      const created = await call(`cannot create container ${spec.name}`, () => engine.createContainer(createOptions(spec)));
      try {
        await created.start();
      } catch (err) {
        await created.remove({ force: true, v: false }).catch(() => void 0);
        const reason = dockerReason(err);
        const portTaken2 = /port is already allocated|address already in use/i.test(reason);
        throw new EngineError(`cannot start container ${spec.name}: ${reason}`, portTaken2 ? "port-taken" : "other");
      }
      return call(`cannot inspect container ${spec.name}`, async () => containerState(await created.inspect()));
    },
    async remove(name) {
      const removed = await call(`cannot remove container ${name}`, async () => unlessMissing(async () => (await docker()).getContainer(name).remove({ force: true, v: false })));
      return removed !== void 0;
    },
    async stop(name) {
      await call(`cannot stop container ${name}`, async () => unlessMissing(async () => (await docker()).getContainer(name).stop({ t: 10 })));
    },
    async list(labels, options = {}) {
      const filters = { label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) };
      const found = await call("cannot list containers", async () => (await docker()).listContainers({ all: options.all ?? false, filters }));
      return found.map(containerSummary);
    },
    async logs(name, tail2) {
      const raw = await call(`cannot read the logs of ${name}`, async () => (await docker()).getContainer(name).logs({ stdout: true, stderr: true, tail: tail2, follow: false }));
      return demux(raw).split("\n").map((l) => l.trim()).filter(Boolean);
    },
    async ensureNetwork(name, labels) {
      const engine = await docker();
      const found = await call(`cannot inspect Docker network ${name}`, () => unlessMissing(() => engine.getNetwork(name).inspect()));
      if (found !== void 0) return;
      await call(`cannot create Docker network ${name}`, async () => {
        try {
          await engine.createNetwork({ Name: name, Driver: "bridge", CheckDuplicate: true, Labels: { ...labels } });
        } catch (err) {
          if (err.statusCode !== 409) throw err;
        }
      });
    },
    async hasImage(ref) {
      return await call(`cannot inspect image ${ref}`, async () => unlessMissing(async () => (await docker()).getImage(ref).inspect())) !== void 0;
    },
    async pullImage(ref) {
      const engine = await docker();
      await call(`image ${ref} is not present locally and cannot be pulled`, async () => {
        const stream = await engine.pull(ref);
        await new Promise((resolve, reject) => engine.modem.followProgress(stream, (err) => err ? reject(err) : resolve()));
      });
    },
    async imageId(ref) {
      return (await call(`cannot inspect image ${ref}`, async () => unlessMissing(async () => (await docker()).getImage(ref).inspect())))?.Id;
    },
    async saveImage(ref) {
      const stream = await call(`cannot save image ${ref}`, async () => (await docker()).getImage(ref).get());
      return Readable2.toWeb(Readable2.from(stream, { objectMode: false }));
    }
  };
}
function dockerReason(err) {
  const code = err.code;
  if (code === "ENOENT" || code === "ECONNREFUSED") return "is it running?";
  if (code === "EACCES") return "permission denied (is this user in the docker group?)";
  const status = err.statusCode;
  const message = err.json?.message ?? err.message ?? String(err);
  return status ? `${message} (HTTP ${status})` : message;
}
function isNotFound(err) {
  return err.statusCode === 404;
}
function isUnreachable(err) {
  const code = err.code;
  return code === "ENOENT" || code === "ECONNREFUSED" || code === "EACCES" || code === "EHOSTUNREACH" || code === "ETIMEDOUT";
}
function createOptions(spec) {
  const exposed = [...new Set(spec.ports.map((p) => `${p.containerPort}/tcp`))];
  return {
    name: spec.name,
    Image: spec.image,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: { ...spec.labels },
    ExposedPorts: Object.fromEntries(exposed.map((p) => [p, {}])),
    HostConfig: {
      // A mount, not a bind string: data dirs are named after hosts, and `host:port` has a colon.
      Mounts: spec.mounts.map((m) => ({ Type: "bind", Source: m.source, Target: m.target })),
      PortBindings: Object.fromEntries(exposed.map((p) => [p, spec.ports.filter((b) => `${b.containerPort}/tcp` === p).map((b) => ({ HostIp: b.hostIp, HostPort: b.hostPort ? String(b.hostPort) : "" }))])),
      RestartPolicy: { Name: spec.restartUnlessStopped ? "unless-stopped" : "no" },
      NetworkMode: spec.network
    },
    NetworkingConfig: { EndpointsConfig: { [spec.network]: { Aliases: [spec.name] } } }
  };
}
function containerState(info) {
  const ports = Object.entries(info.NetworkSettings.Ports ?? {}).flatMap(
    ([port, bindings]) => (bindings ?? []).map((b) => ({ containerPort: Number.parseInt(port, 10), hostIp: b.HostIp, hostPort: Number(b.HostPort) }))
  );
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ""),
    status: info.State.Status,
    running: info.State.Running,
    restarting: info.State.Restarting,
    restartCount: info.RestartCount,
    labels: info.Config.Labels ?? {},
    ports,
    mounts: bindMounts(info.Mounts)
  };
}
function containerSummary(info) {
  return {
    id: info.Id,
    name: info.Names[0]?.replace(/^\//, "") ?? info.Id,
    status: info.State,
    running: info.State === "running",
    labels: info.Labels ?? {},
    ports: info.Ports.filter((p) => p.PublicPort !== void 0).map((p) => ({ containerPort: p.PrivatePort, hostIp: p.IP ?? "", hostPort: p.PublicPort })),
    mounts: bindMounts(info.Mounts)
  };
}
function bindMounts(mounts) {
  return (mounts ?? []).filter((m) => m.Type === "bind").map((m) => ({ source: m.Source, target: m.Destination }));
}
function demux(buffer) {
  let out = "";
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    out += buffer.subarray(offset + 8, offset + 8 + size).toString("utf8");
    offset += 8 + size;
  }
  return out;
}

// src/core/exec/exec.ts
var CommandNotFoundError = class extends Error {
  constructor(command) {
    super(`${command}: command not found`);
    this.command = command;
  }
  command;
  name = "CommandNotFoundError";
};
var running2 = /* @__PURE__ */ new Set();
function stopWithUs(child) {
  if (running2.size === 0) process.once("exit", stopAll);
  running2.add(child);
  child.once("close", () => {
    running2.delete(child);
    if (running2.size === 0) process.removeListener("exit", stopAll);
  });
}
function stopAll() {
  for (const child of running2) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
    }
  }
}
function processExec(env) {
  return { run: (command, args, options = {}) => spawnRun(command, args, { ...options, env: options.env ?? env }) };
}
async function spawnRun(command, args, options) {
  const { spawn } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { env: options.env, cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"], detached: true });
    if (child.pid !== void 0) stopWithUs(child);
    const collect = options.collect !== false;
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      if (collect) stdout += chunk;
      options.onOutput?.(chunk);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      if (collect) stderr += chunk;
      options.onOutput?.(chunk);
    });
    child.on("error", (err) => reject(err.code === "ENOENT" ? new CommandNotFoundError(command) : err));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.on("error", () => void 0);
    child.stdin.end(options.input ?? "");
  });
}

// src/core/local/announce.ts
var import_yaml = __toESM(require_dist(), 1);
async function announceLocalRegistry(exec, cluster, host) {
  const args = ["--kubeconfig", cluster.kubeconfig, "--context", `kind-${cluster.name}`, "apply", "-f", "-"];
  const result = await exec.run("kubectl", args, { input: registryHostingConfigMap(host) }).catch((err) => ({ code: 1, stdout: "", stderr: err.message }));
  return result.code === 0 ? {} : { problem: result.stderr.trim().split("\n").at(-1) ?? `exit code ${result.code}` };
}
function registryHostingConfigMap(host) {
  return (0, import_yaml.stringify)({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "local-registry-hosting", namespace: "kube-public" },
    data: { "localRegistryHosting.v1": (0, import_yaml.stringify)({ host, help: "https://github.com/sew/setup#a-local-registry" }) }
  });
}

// src/core/kind/cluster.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { readFile as readFile3, readdir as readdir2 } from "node:fs/promises";
import { join as join5 } from "node:path";
function kindCreateArgs(name, configPath, options) {
  return [
    "create",
    "cluster",
    "--name",
    name,
    "--config",
    configPath,
    ...options.image ? ["--image", options.image] : [],
    "--wait",
    options.wait,
    ...options.kubeconfig ? ["--kubeconfig", options.kubeconfig] : []
  ];
}
var KindNotInstalledError = class extends RuntimeError {
};
async function kind(exec, args, options = {}) {
  let result;
  try {
    result = await exec.run("kind", args, options);
  } catch (err) {
    if (err instanceof CommandNotFoundError) {
      throw new KindNotInstalledError("kind is not installed: see https://kind.sigs.k8s.io/docs/user/quick-start/#installation (the action installs it with kind-version; --no-cluster stops before Kind)");
    }
    throw err;
  }
  if (result.code !== 0) {
    const detail = lastLine(result.stderr) ?? lastLine(result.stdout) ?? `exit code ${result.code}`;
    throw new RuntimeError(`kind ${args.slice(0, 2).join(" ")} failed: ${detail}`);
  }
  return result.stdout;
}
async function clusterExists(exec, name) {
  const out = await kind(exec, ["get", "clusters"]);
  return out.split("\n").map((l) => l.trim()).includes(name);
}
async function clusterNodes(exec, name) {
  const out = await kind(exec, ["get", "nodes", "--name", name]);
  return out.split("\n").map((l) => l.trim()).filter(Boolean);
}
async function createCluster(exec, config, configPath, options) {
  await writeFileAtomic(configPath, (0, import_yaml2.stringify)(config));
  await kind(exec, kindCreateArgs(config.name, configPath, options), options.onOutput ? { onOutput: options.onOutput } : {});
}
async function syncHostsIntoNodes(exec, nodes, hostsDir) {
  const copied = [];
  const files = await hostFiles(hostsDir);
  for (const node of nodes) {
    if (await hostsMount(exec, node) === hostsDir) continue;
    for (const [host, content] of files) {
      const target = `${CERTS_DIR}/${host}`;
      const result = await exec.run("docker", ["exec", "-i", node, "sh", "-c", `mkdir -p '${target}' && cat > '${target}/.hosts.toml.tmp' && mv '${target}/.hosts.toml.tmp' '${target}/hosts.toml'`], {
        input: content
      });
      if (result.code !== 0) throw new RuntimeError(`cannot write hosts.toml for ${host} into node ${node}: ${lastLine(result.stderr) ?? "docker exec failed"}`);
    }
    copied.push(node);
  }
  return copied;
}
async function hostsMount(exec, node) {
  const mounted = await exec.run("docker", ["inspect", "--format", `{{range .Mounts}}{{if eq .Destination "${CERTS_DIR}"}}{{.Source}}{{end}}{{end}}`, node]);
  if (mounted.code !== 0) throw new RuntimeError(`cannot inspect node ${node}: ${lastLine(mounted.stderr) ?? "docker inspect failed"}`);
  return mounted.stdout.trim();
}
async function hostFiles(hostsDir) {
  const files = /* @__PURE__ */ new Map();
  for (const host of await readdir2(hostsDir).catch(() => [])) {
    const content = await readFile3(join5(hostsDir, host, "hosts.toml"), "utf8").catch(() => void 0);
    if (content !== void 0) files.set(host, content);
  }
  return files;
}
function lastLine(text) {
  return text.trim().split("\n").filter(Boolean).at(-1)?.replace(/^ERROR: /, "");
}

// src/core/kind/ownership.ts
async function assertOwnCluster(exec, sewHome, name, act, hostsDir) {
  if (await readClusterState(sewHome, name)) return;
  for (const node of await clusterNodes(exec, name)) {
    const mounted = await hostsMount(exec, node);
    if (mounted && (hostsDir === void 0 || realPath(mounted) !== realPath(hostsDir))) {
      throw new RuntimeError(`Kind cluster ${name} belongs to another sew-ci home (its nodes read containerd hosts from ${mounted}): not ${act}; choose another cluster name`);
    }
  }
}

// src/core/kind/ensure.ts
function kindCluster(exec) {
  return {
    ensure: (plan, note) => ensureKindCluster(exec, plan, note),
    announceLocalRegistry: (cluster, host) => announceLocalRegistry(exec, cluster, host)
  };
}
async function ensureKindCluster(exec, plan, note) {
  const { name, kubeconfig, kindConfigPath, statePath } = plan.cluster;
  let action;
  if (await clusterExists(exec, name)) {
    await assertOwnCluster(exec, plan.sewHome, name, "reused", plan.hostsDir);
    action = "reused";
    const synced = await syncHostsIntoNodes(exec, await clusterNodes(exec, name), plan.hostsDir);
    if (synced.length) note(`hosts.toml copied into ${synced.join(", ")}`);
  } else {
    action = "created";
    await createCluster(exec, plan.kindConfig, kindConfigPath, {
      wait: plan.cluster.wait,
      ...plan.cluster.nodeImage && { image: plan.cluster.nodeImage },
      onOutput: (chunk) => chunk.split("\n").filter((l) => l.trim()).forEach((l) => note(l.trim()))
    });
  }
  await writeClusterState(statePath, { name, kubeconfig, kindConfig: kindConfigPath, hostsDir: plan.hostsDir, createdAt: (/* @__PURE__ */ new Date()).toISOString(), createdBy: "sew-ci" });
  return { name, action, kubeconfig, state: statePath };
}

// src/core/local/start.ts
async function onPlannedPort(local, start, note) {
  try {
    return await start(local.port);
  } catch (err) {
    if (!(err instanceof EngineError && err.failure === "port-taken") || !local.portMayMove) throw err;
    note(`${err.message}; taking a free port instead`);
    return start();
  }
}

// src/core/mirrors/scheduler-state.ts
import { readFile as readFile4 } from "node:fs/promises";
import { join as join6 } from "node:path";
var SCHEDULER_STATE = "scheduler-state.json";
var TTL_MS = 7 * 24 * 60 * 60 * 1e3;
async function refreshSchedulerState(dataDir, now = /* @__PURE__ */ new Date()) {
  const path = join6(dataDir, SCHEDULER_STATE);
  let state;
  try {
    state = JSON.parse(await readFile4(path, "utf8"));
  } catch {
    return 0;
  }
  if (typeof state !== "object" || state === null) return 0;
  const expiry = new Date(now.getTime() + TTL_MS).toISOString();
  let refreshed = 0;
  for (const entry of Object.values(state)) {
    if (entry && typeof entry === "object" && "ExpiryData" in entry) {
      entry.ExpiryData = expiry;
      refreshed++;
    }
  }
  await writeFileAtomic(path, JSON.stringify(state));
  return refreshed;
}

// src/core/mirrors/containers.ts
var MIRROR_READY_MS = 15e3;
async function ensureMirrors(engine, setup) {
  const out = [];
  for (const entry of setup.entries.filter(hasLocalProxy)) out.push(await ensureMirror(engine, setup, entry));
  return out;
}
async function ensureMirror(engine, setup, entry) {
  const { host } = entry;
  const { container, storage: dataDir } = entry;
  if (!container || !dataDir) throw new Error(`mirror ${host} has no container or storage in the plan`);
  const credentials = await setup.credentials(host);
  const env = { REGISTRY_PROXY_REMOTEURL: setup.upstreamUrl(host) };
  if (credentials) {
    env.REGISTRY_PROXY_USERNAME = credentials.username;
    env.REGISTRY_PROXY_PASSWORD = credentials.password;
  }
  const spec = { name: container, role: "mirror", home: setup.home, image: setup.registryImage, dataDir, network: KIND_NETWORK, env, ...setup.publish && { publish: setup.publish } };
  await refreshSchedulerState(dataDir);
  const proxy = await startAndWait(engine, spec);
  if (proxy.registry) return { host, container, dataDir, url: proxy.registry.url };
  const cacheOnly = await startAndWait(engine, { ...spec, env: {} });
  if (cacheOnly.registry) {
    return { host, container, dataDir, url: cacheOnly.registry.url, degraded: `proxy cannot start (${proxy.problem}); serving its cache only` };
  }
  return { host, container, dataDir, problem: `${proxy.problem} (see \`docker logs ${spec.name}\`); nodes fall back to the upstream` };
}
async function startAndWait(engine, spec) {
  try {
    const registry = await ensureRegistry(engine, spec);
    await waitForRegistry(registry.url, MIRROR_READY_MS, { engine, name: registry.name });
    return { registry };
  } catch (err) {
    return { problem: err.message };
  }
}

// src/core/oci/challenge.ts
var TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
var TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y;
var BARE_VALUE = /[^,\s]*/y;
function parseChallenges(header) {
  const challenges = [];
  let pos = 0;
  const skip = (chars) => {
    while (pos < header.length && chars.test(header[pos])) pos++;
  };
  const match = (re) => {
    re.lastIndex = pos;
    const m = re.exec(header);
    if (m === null) return void 0;
    pos = re.lastIndex;
    return m[0];
  };
  const quoted = () => {
    let value = "";
    pos++;
    while (pos < header.length && header[pos] !== '"') {
      if (header[pos] === "\\" && pos + 1 < header.length) pos++;
      value += header[pos];
      pos++;
    }
    pos++;
    return value;
  };
  const param = () => {
    const start = pos;
    const name = match(TOKEN);
    if (name === void 0) return void 0;
    skip(/[ \t]/);
    if (header[pos] !== "=") {
      pos = start;
      return void 0;
    }
    pos++;
    skip(/[ \t]/);
    const value = header[pos] === '"' ? quoted() : match(BARE_VALUE) ?? "";
    return [name.toLowerCase(), value];
  };
  while (pos < header.length) {
    skip(/[ \t,]/);
    const scheme = match(TOKEN);
    if (scheme === void 0) break;
    const challenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    skip(/[ \t]/);
    const afterScheme = pos;
    if (match(TOKEN68) !== void 0) {
      skip(/[ \t]/);
      if (pos >= header.length || header[pos] === ",") continue;
      pos = afterScheme;
    }
    const first = param();
    if (first === void 0) continue;
    challenge.params[first[0]] = first[1];
    for (; ; ) {
      const save = pos;
      skip(/[ \t]/);
      if (header[pos] !== ",") break;
      pos++;
      skip(/[ \t,]/);
      const next = param();
      if (next === void 0) {
        pos = save;
        break;
      }
      challenge.params[next[0]] = next[1];
    }
  }
  return challenges;
}

// src/core/oci/registry-error.ts
var RegistryError = class extends RuntimeError {
  constructor(kind2, host, repository, detail, options) {
    super(`${repository === void 0 ? host : `${host}/${repository}`}: ${detail}`, options);
    this.kind = kind2;
    this.host = host;
    this.repository = repository;
    this.detail = detail;
  }
  kind;
  host;
  repository;
  detail;
};
function isUnreachable2(err) {
  return err instanceof RegistryError && err.kind === "unreachable";
}

// src/core/oci/auth.ts
var MAX_TOKEN_RESPONSE = 4 * 1024 * 1024;
var DEFAULT_TOKEN_SECONDS = 60;
var EXPIRY_MARGIN_MS = 1e4;
var Authenticator = class {
  constructor(registry, credentials, stallMs, retrier) {
    this.registry = registry;
    this.credentials = credentials;
    this.stallMs = stallMs;
    this.retrier = retrier;
  }
  registry;
  credentials;
  stallMs;
  retrier;
  challenge;
  tokens = /* @__PURE__ */ new Map();
  /** Adopts the challenge of a 401; returns false when it offers no scheme we speak. */
  learn(header) {
    const challenges = parseChallenges(header ?? "");
    const chosen = challenges.find((c) => c.scheme === "bearer" && c.params["realm"]) ?? challenges.find((c) => c.scheme === "basic");
    if (chosen === void 0) return false;
    this.challenge = chosen;
    this.tokens.clear();
    return true;
  }
  /** The Authorization header for a request needing `scopes`, undefined when none is needed. */
  async authorization(scopes, repository) {
    const challenge = this.challenge;
    if (challenge === void 0) return void 0;
    if (challenge.scheme === "basic") {
      const creds = await this.credentials();
      if (creds === void 0) throw new RegistryError("denied", this.registry.host, repository, "authentication required and no credentials are configured");
      return `Basic ${basic(creds)}`;
    }
    const key = [...new Set(scopes)].sort().join(" ");
    const now = Date.now();
    let cached = this.tokens.get(key);
    if (cached !== void 0) {
      const token = await cached.catch(() => void 0);
      if (token === void 0 || token.expiresAt <= now) cached = void 0;
    }
    if (cached === void 0) {
      cached = this.fetchToken(challenge, key === "" ? [] : key.split(" "), repository);
      this.tokens.set(key, cached);
    }
    return `Bearer ${(await cached).value}`;
  }
  async fetchToken(challenge, scopes, repository) {
    const fail = (kind2, detail, cause) => new RegistryError(kind2, this.registry.host, repository, `token request failed: ${detail}`, { cause });
    let realm;
    try {
      realm = new URL(challenge.params["realm"]);
    } catch {
      throw fail("invalid", "the registry announced an invalid token realm");
    }
    const refusal = realmRefusal(realm, this.registry);
    if (refusal !== void 0) throw fail("invalid", refusal);
    const service = challenge.params["service"];
    if (service !== void 0) realm.searchParams.set("service", service);
    for (const scope of scopes) realm.searchParams.append("scope", scope);
    const creds = await this.credentials();
    const headers = { accept: "application/json" };
    if (creds !== void 0) headers["authorization"] = `Basic ${basic(creds)}`;
    let body;
    try {
      const reply = await this.retrier.budget(realm.host).send(() => send(realm, { method: "GET", headers, stallMs: this.stallMs }));
      if (reply.status !== 200) {
        await reply.body?.cancel().catch(() => {
        });
        const kind2 = reply.status === 401 || reply.status === 403 ? "denied" : reply.status >= 500 ? "unreachable" : "invalid";
        throw fail(kind2, `${realm.host} answered HTTP ${reply.status}${creds === void 0 ? " (no credentials configured)" : ""}`);
      }
      body = await readReply(reply, MAX_TOKEN_RESPONSE, "token response");
    } catch (err) {
      if (err instanceof TransportError) throw fail("unreachable", `${realm.host}: ${err.message}`, err);
      if (err instanceof TooLargeError) throw fail("invalid", err.message, err);
      throw err;
    }
    let parsed;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw fail("invalid", "the token response is not JSON");
    }
    const value = typeof parsed.token === "string" && parsed.token !== "" ? parsed.token : parsed.access_token;
    if (typeof value !== "string" || value === "") throw fail("invalid", "the token response holds no token");
    const seconds2 = typeof parsed.expires_in === "number" && parsed.expires_in > 0 ? parsed.expires_in : DEFAULT_TOKEN_SECONDS;
    return { value, expiresAt: Date.now() + Math.max(seconds2 * 1e3 - EXPIRY_MARGIN_MS, 1e3) };
  }
};
function basic(creds) {
  return Buffer.from(`${creds.username}:${creds.password}`, "utf8").toString("base64");
}

// src/core/oci/retry.ts
import { setTimeout as sleep } from "node:timers/promises";
var DEFAULT_RETRY = { attempts: 5, totalWaitMs: 6e4, baseDelayMs: 1e3 };
var TRANSIENT_STATUSES = /* @__PURE__ */ new Set([429, 502, 503, 504]);
var DOCKER_HUB_HOSTS = /* @__PURE__ */ new Set(["registry-1.docker.io", "docker.io", "index.docker.io", "auth.docker.io"]);
function isTransientStatus(status) {
  return TRANSIENT_STATUSES.has(status);
}
function decide(outcome, state, policy, host, now, random) {
  if ("error" in outcome ? !outcome.error.transient : !isTransientStatus(outcome.status)) return { retry: false };
  const headers = "status" in outcome ? outcome.headers : void 0;
  const label = "status" in outcome ? `HTTP ${outcome.status}` : outcome.error.message;
  const retryAfter = headers === void 0 ? void 0 : retryAfterMs(headers.get("retry-after"), now);
  const remaining = remainingPulls(headers);
  const rateLimited = "status" in outcome && outcome.status === 429 && (DOCKER_HUB_HOSTS.has(host) || remaining !== void 0);
  const giveUp = (why) => ({
    retry: false,
    gaveUp: rateLimited ? `Docker Hub rate limit reached (${label}, ${why}); log in or use a mirror` : `${label}, ${why}`
  });
  if (rateLimited && remaining === 0 && retryAfter === void 0) return giveUp("ratelimit-remaining 0");
  const left = policy.totalWaitMs - state.waitedMs;
  if (retryAfter !== void 0 && retryAfter > left) {
    return giveUp(`asked to retry after ${Math.ceil(retryAfter / 1e3)} s, beyond the ${policy.totalWaitMs / 1e3} s a request may wait`);
  }
  if (state.attempts >= policy.attempts || left <= 0) return giveUp(`still failing after ${state.attempts} attempts`);
  const backoff = policy.baseDelayMs * 2 ** (state.attempts - 1) * (0.5 + random / 2);
  return { retry: true, delayMs: Math.round(Math.min(retryAfter ?? backoff, left)) };
}
function retryAfterMs(value, now) {
  if (value === null) return void 0;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1e3;
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? void 0 : Math.max(0, date - now);
}
function remainingPulls(headers) {
  const match = /^\s*(\d+)/.exec(headers?.get("ratelimit-remaining") ?? "");
  return match === null ? void 0 : Number(match[1]);
}
var Retrier = class {
  constructor(policy, signal, log) {
    this.policy = policy;
    this.signal = signal;
    this.log = log;
  }
  policy;
  signal;
  log;
  logged = /* @__PURE__ */ new Set();
  /** A fresh budget for one request to `host` (and for any resumption of its body). */
  budget(host) {
    return new RetryBudget(host, this.policy, this.signal, (message) => {
      if (this.logged.has(host)) return;
      this.logged.add(host);
      this.log?.(`${message} (later retries on this host go unlogged)`);
    });
  }
};
var RetryBudget = class {
  constructor(host, policy, signal, log) {
    this.host = host;
    this.policy = policy;
    this.signal = signal;
    this.log = log;
  }
  host;
  policy;
  signal;
  log;
  attempts = 1;
  waitedMs = 0;
  /** Runs `exchange` until it answers something other than a transient failure. */
  async send(exchange) {
    for (; ; ) {
      let outcome;
      try {
        const reply = await exchange();
        if (!isTransientStatus(reply.status)) return reply;
        await discard(reply);
        outcome = reply;
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        outcome = { error: err };
      }
      await this.wait(outcome);
    }
  }
  /** Before reopening a body that broke midway: waits, or throws as `send` would have. */
  resume(error) {
    return this.wait({ error });
  }
  /**
   * Waits out a transient failure before the next attempt. Throws the failure itself when it
   * is not transient, a TransportError saying why when the budget is spent, and the signal's
   * reason as soon as the run is interrupted.
   */
  async wait(outcome) {
    const decision = decide(outcome, { attempts: this.attempts, waitedMs: this.waitedMs }, this.policy, this.host, Date.now(), Math.random());
    const label = "status" in outcome ? `HTTP ${outcome.status}` : outcome.error.message;
    if (!decision.retry) {
      if (decision.gaveUp === void 0 && "error" in outcome) throw outcome.error;
      throw new TransportError(decision.gaveUp ?? label, "error" in outcome ? { cause: outcome.error } : void 0);
    }
    this.log(`${this.host}: ${label}; retrying in ${(decision.delayMs / 1e3).toFixed(1)} s, attempt ${this.attempts + 1} of ${this.policy.attempts}`);
    this.signal?.throwIfAborted();
    try {
      await sleep(decision.delayMs, void 0, this.signal === void 0 ? void 0 : { signal: this.signal });
    } catch (err) {
      this.signal?.throwIfAborted();
      throw err;
    }
    this.attempts++;
    this.waitedMs += decision.delayMs;
  }
};

// src/core/oci/client.ts
var MAX_MANIFEST2 = 4 * 1024 * 1024;
var MAX_ERROR_BODY = 64 * 1024;
var MAX_REDIRECTS = 5;
var pull = (repository) => `repository:${repository}:pull`;
var RegistryClient = class {
  constructor(access, options) {
    this.options = options;
    let base;
    try {
      base = new URL(access.url);
    } catch {
      throw new RegistryError("invalid", displayUrl(access.url), void 0, "registry URL is not a valid URL");
    }
    if (base.protocol !== "http:" && base.protocol !== "https:") {
      throw new RegistryError("invalid", base.host, void 0, "registry URL must be http:// or https://");
    }
    if (base.username !== "" || base.password !== "") {
      throw new RegistryError("invalid", base.host, void 0, "registry URL must not carry credentials; pass username and password instead");
    }
    this.base = base;
    this.prefix = base.pathname.replace(/\/+$/, "");
    this.host = base.host;
    const explicit = access.username !== void 0 && access.password !== void 0 ? { username: access.username, password: access.password } : void 0;
    let looked;
    const lookup = options.credentials;
    const credentials = () => explicit !== void 0 ? Promise.resolve(explicit) : looked ??= lookup === void 0 ? Promise.resolve(void 0) : lookup(this.host);
    this.retrier = new Retrier(options.retry ?? DEFAULT_RETRY, options.signal, options.onRetry);
    this.auth = new Authenticator(base, credentials, options.stallMs, this.retrier);
  }
  options;
  /** `host[:port]` of the registry URL: what error messages name. */
  host;
  base;
  /** A path the registry lives under, usually empty. */
  prefix;
  auth;
  retrier;
  pinged;
  /**
   * The digest a tag or digest resolves to, by HEAD; undefined when the registry does not have
   * it, or does not say (then only a GET can tell).
   */
  async manifestDigest(repository, reference) {
    const reply = await this.request(repository, "manifest", {
      method: "HEAD",
      at: `/${repository}/manifests/${reference}`,
      scopes: [pull(repository)],
      headers: { accept: MANIFEST_ACCEPT }
    });
    await discard(reply);
    if (reply.status === 404) return void 0;
    if (reply.status !== 200) throw await this.failure(reply, repository, `manifest ${reference}`);
    return reply.headers.get("docker-content-digest") ?? void 0;
  }
  /** GET a manifest; the digest is computed from the bytes and checked against any the registry or reference names. */
  async getManifest(repository, reference) {
    const retries = this.retrier.budget(this.host);
    let reply;
    let bytes;
    do {
      reply = await this.request(repository, "manifest", {
        method: "GET",
        at: `/${repository}/manifests/${reference}`,
        scopes: [pull(repository)],
        headers: { accept: MANIFEST_ACCEPT },
        retries
      });
      if (reply.status !== 200) throw await this.failure(reply, repository, `manifest ${reference}`);
      const body = reply;
      bytes = await this.guard(
        repository,
        () => readReply(body, MAX_MANIFEST2, `manifest ${reference}`).catch(async (err) => {
          if (!(err instanceof TransportError)) throw err;
          await retries.resume(err);
          return void 0;
        })
      );
    } while (bytes === void 0);
    let manifest;
    try {
      manifest = parseManifest(bytes, reply.headers.get("content-type"));
    } catch (err) {
      if (err instanceof ManifestFormatError) throw new RegistryError("invalid", this.host, repository, `manifest ${reference}: ${err.message}`);
      throw err;
    }
    const announced = reply.headers.get("docker-content-digest");
    const pinned = reference.includes(":") ? reference : void 0;
    for (const claimed of [pinned, announced?.startsWith("sha256:") ? announced : void 0]) {
      if (claimed !== void 0 && claimed !== manifest.digest) {
        throw new RegistryError("invalid", this.host, repository, `manifest ${reference} has digest ${manifest.digest}, not ${claimed}`);
      }
    }
    return manifest;
  }
  /**
   * The blob's bytes as a stream; the caller verifies them (see verifyingStream). A body cut
   * by a dropped connection is resumed with a Range request, or read again from the start
   * (skipping what was passed on) when the registry ignores Range, within one retry budget.
   */
  async getBlob(repository, digest) {
    const retries = this.retrier.budget(this.host);
    let delivered = 0;
    let skip = 0;
    const open2 = async () => {
      const reply = await this.request(repository, "blob", {
        method: "GET",
        at: `/${repository}/blobs/${digest}`,
        scopes: [pull(repository)],
        retries,
        ...delivered > 0 && { headers: { range: `bytes=${delivered}-` } }
      });
      if (reply.status === 206 && delivered > 0 && reply.body !== null) {
        const start = /^bytes (\d+)-/.exec(reply.headers.get("content-range") ?? "")?.[1];
        if (Number(start) !== delivered) {
          await discard(reply);
          throw new RegistryError("invalid", this.host, repository, `blob ${digest}: asked to resume at byte ${delivered}, answered from ${start ?? "nowhere"}`);
        }
        skip = 0;
        return reply.body.getReader();
      }
      if (reply.status !== 200 || reply.body === null) throw await this.failure(reply, repository, `blob ${digest}`);
      skip = delivered;
      return reply.body.getReader();
    };
    let reader = await open2();
    return new ReadableStream(
      {
        pull: (out) => this.guard(repository, async () => {
          for (; ; ) {
            let chunk;
            try {
              chunk = await reader.read();
            } catch (err) {
              if (!(err instanceof TransportError)) throw err;
              await retries.resume(err);
              reader = await open2();
              continue;
            }
            if (chunk.done) return out.close();
            const fresh = skip >= chunk.value.length ? void 0 : chunk.value.subarray(skip);
            skip = Math.max(0, skip - chunk.value.length);
            if (fresh === void 0) continue;
            delivered += fresh.length;
            return out.enqueue(fresh);
          }
        }),
        cancel: (reason) => reader.cancel(reason)
      },
      { highWaterMark: 0 }
    );
  }
  /**
   * Sends with auth, retrying once after a 401 that taught us a new challenge; follows
   * redirects of reads and retries their transient failures. Credentials follow origin-policy.ts.
   */
  async request(repository, what, options) {
    await this.ping();
    const reading = options.method === "GET" || options.method === "HEAD";
    const retries = reading ? options.retries ?? this.retrier.budget(this.host) : void 0;
    let url = this.url(options.at);
    let authorization = await this.auth.authorization(options.scopes, repository);
    for (let attempt = 0, redirects = 0; ; ) {
      const home = carriesCredentials(url, this.base);
      const headers = { ...options.headers };
      if (authorization !== void 0 && home) headers["authorization"] = authorization;
      const exchange = () => send(url, { method: options.method, headers, stallMs: this.options.stallMs });
      const reply = await this.guard(repository, () => retries === void 0 ? exchange() : retries.send(exchange));
      if (reply.status === 401 && attempt === 0 && home) {
        attempt++;
        await discard(reply);
        if (!this.auth.learn(reply.headers.get("www-authenticate"))) return reply;
        authorization = await this.auth.authorization(options.scopes, repository);
        continue;
      }
      const location = reply.headers.get("location");
      if (reading && isRedirect(reply.status) && location !== null) {
        await discard(reply);
        if (++redirects > MAX_REDIRECTS) throw new RegistryError("invalid", this.host, repository, `${what}: too many redirects`);
        const next = new URL(location, url);
        const refusal = redirectRefusal(url, next);
        if (refusal !== void 0) throw new RegistryError("invalid", this.host, repository, `${what}: ${refusal}`);
        url = next;
        continue;
      }
      return reply;
    }
  }
  /** The /v2/ ping, once per client: learns the auth scheme and tells early that a registry is down. */
  ping() {
    this.pinged ??= (async () => {
      const reply = await this.guard(
        void 0,
        () => this.retrier.budget(this.host).send(() => send(this.url("/"), { method: "GET", stallMs: this.options.stallMs }))
      );
      await discard(reply);
      if (reply.status === 200) return;
      if (reply.status === 401 && this.auth.learn(reply.headers.get("www-authenticate"))) return;
      throw await this.failure(reply, void 0, "registry API check (/v2/)");
    })();
    return this.pinged;
  }
  url(path) {
    const url = new URL(this.base);
    url.pathname = `${this.prefix}/v2${path}`;
    return url;
  }
  /** Network failures and oversize answers become RegistryErrors naming this registry. */
  async guard(repository, action) {
    try {
      return await action();
    } catch (err) {
      if (err instanceof TransportError) throw new RegistryError("unreachable", this.host, repository, err.message, { cause: err });
      if (err instanceof TooLargeError) throw new RegistryError("invalid", this.host, repository, err.message, { cause: err });
      throw err;
    }
  }
  /** An unexpected status as a RegistryError, with the registry's own error code when it sent one. */
  async failure(reply, repository, what) {
    let detail = "";
    try {
      const body = await readReply(reply, MAX_ERROR_BODY, "error body");
      const parsed = JSON.parse(body.toString("utf8"));
      const first = parsed.errors?.[0];
      if (first !== void 0) detail = `: ${[first.code, first.message].filter((x) => typeof x === "string" && x !== "").join(" ")}`.slice(0, 300);
    } catch {
      await discard(reply);
    }
    return new RegistryError(statusKind(reply.status), this.host, repository, `${what}: HTTP ${reply.status}${detail}`);
  }
};
function statusKind(status) {
  if (status === 401 || status === 403) return "denied";
  if (status === 404) return "not-found";
  if (status >= 500 || status === 429) return "unreachable";
  return "invalid";
}
function isRedirect(status) {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

// src/core/preload/limiter.ts
function limiter(slots) {
  let running3 = 0;
  const waiting = [];
  return async (task) => {
    if (running3 >= slots) await new Promise((resolve) => waiting.push(resolve));
    else running3++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next !== void 0) next();
      else running3--;
    }
  };
}

// src/core/preload/copier.ts
var DEFAULT_CONCURRENCY = 6;
var IMAGE_CONCURRENCY = 32;
var DEFAULT_STALL_MS = 6e4;
var SMALL_BLOB = 1024 * 1024;
async function copyImages(requests, options) {
  const started = Date.now();
  const run = new CopyRun(options);
  const images = limiter(IMAGE_CONCURRENCY);
  const results = await Promise.all(requests.map((request2) => images(() => run.copy(request2.source))));
  return { results, totals: totalsOf(results, Date.now() - started) };
}
var CopyRun = class {
  constructor(options) {
    this.options = options;
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`copier concurrency must be a positive integer, not ${concurrency}`);
    this.platforms = options.platforms === "all" ? "all" : options.platforms?.map(parsePlatform) ?? [hostPlatform()];
    if (this.platforms !== "all" && this.platforms.length === 0) throw new Error("the copier was given no platform to copy");
    this.clientOptions = {
      credentials: options.credentials,
      stallMs: options.stallTimeoutMs ?? DEFAULT_STALL_MS,
      ...options.signal !== void 0 && { signal: options.signal },
      onRetry: (message) => options.onEvent?.({ type: "retrying", message })
    };
    this.store = new PreloadStore(options.target.root);
    this.transfers = limiter(concurrency);
  }
  options;
  store;
  upstreams = /* @__PURE__ */ new Map();
  transfers;
  platforms;
  clientOptions;
  async copy(source) {
    const job = { source, ref: formatReference(source), target: preloadRepository(source), bytes: 0 };
    this.options.onEvent?.({ type: "image-started", ref: job.ref });
    let result;
    try {
      result = await this.copyImage(job);
    } catch (err) {
      if (this.options.signal?.aborted) throw err;
      result = await this.recover(job, err);
    }
    this.options.onEvent?.({ type: "image-finished", result });
    return result;
  }
  async copyImage(job) {
    const { source } = job;
    if (source.digest !== void 0) {
      if (await this.store.complete(job.target, source.digest)) return done(job, "hit", source.digest);
      const upstream2 = this.upstream(source.host);
      const manifest = await upstream2.getManifest(source.repository, source.digest);
      await this.copyTree(job, upstream2, manifest);
      await this.store.putManifest(job.target, source.digest, manifest);
      return done(job, "copied", manifest.digest);
    }
    const tag = source.tag ?? "latest";
    const upstream = this.upstream(source.host);
    const current = await this.store.resolve(job.target, tag);
    const announced = current === void 0 ? void 0 : await upstream.manifestDigest(source.repository, tag);
    if (current !== void 0 && announced !== void 0) {
      const stored = current === announced ? void 0 : await this.store.storedManifest(announced);
      const wanted = stored === void 0 ? announced : this.platformChild(job, upstream, stored)?.digest ?? announced;
      if (wanted === current && await this.store.complete(job.target, current)) return done(job, "hit", current);
    }
    const top = await upstream.getManifest(source.repository, announced ?? tag);
    const child = this.platformChild(job, upstream, top);
    if (child !== void 0) await this.store.writeBytes(top.bytes);
    if (current !== void 0 && current === (child?.digest ?? top.digest) && await this.store.complete(job.target, current)) return done(job, "hit", current);
    const chosen = child === void 0 ? top : await upstream.getManifest(source.repository, child.digest);
    await this.copyTree(job, upstream, chosen);
    await this.store.putManifest(job.target, tag, chosen);
    return done(job, "copied", chosen.digest);
  }
  /** The index entry to tag when one platform is wanted; undefined when `top` itself is tagged. */
  platformChild(job, upstream, top) {
    if (!isIndex(top.mediaType) || this.platforms === "all" || this.platforms.length > 1) return void 0;
    const wanted = this.platforms[0];
    const child = selectPlatform(top.references, wanted);
    if (child === void 0) {
      const offered = top.references.flatMap((entry) => entry.platform !== void 0 ? [formatPlatform(entry.platform)] : []);
      throw new RegistryError(
        "not-found",
        upstream.host,
        job.source.repository,
        `no ${formatPlatform(wanted)} image in the index (it has ${offered.join(", ") || "no platforms"})`
      );
    }
    return child;
  }
  /** Stores and links everything `manifest` references (not the manifest itself). */
  async copyTree(job, upstream, manifest) {
    if (isIndex(manifest.mediaType)) {
      await settleAll(
        manifest.references.map(async (entry) => {
          if (await this.store.complete(job.target, entry.digest)) return;
          const child = await upstream.getManifest(job.source.repository, entry.digest);
          await this.copyTree(job, upstream, child);
          await this.store.putManifest(job.target, entry.digest, child);
        })
      );
      return;
    }
    await settleAll(
      requiredBlobs(manifest).map(async (blob) => {
        const transfer = () => this.transfer(job, upstream, blob);
        const moved = await this.store.ensureBlob(blob, blob.size <= SMALL_BLOB ? transfer : () => this.transfers(transfer));
        job.bytes += moved;
        await this.store.linkLayer(job.target, blob.digest);
      })
    );
  }
  async transfer(job, upstream, blob) {
    const body = await upstream.getBlob(job.source.repository, blob.digest);
    const onBytes = (bytes) => this.options.onEvent?.({ type: "blob-progress", ref: job.ref, digest: blob.digest, bytes, size: blob.size });
    try {
      await this.store.writeBlob(blob, body, onBytes);
    } catch (err) {
      if (err instanceof DigestMismatchError) throw new RegistryError("invalid", upstream.host, job.source.repository, err.message);
      throw err;
    }
    return blob.size;
  }
  /**
   * A failed copy may still be served: from the preload storage when the upstream is merely
   * unreachable, else from the local Docker daemon when the upstream cannot give the image.
   */
  async recover(job, err) {
    const upstreamError = err instanceof RegistryError ? err : void 0;
    if (upstreamError !== void 0 && isUnreachable2(upstreamError)) {
      const reference = job.source.digest ?? job.source.tag ?? "latest";
      const present = await this.store.resolve(job.target, reference).catch(() => void 0);
      if (present !== void 0) {
        if (await this.store.complete(job.target, present).catch(() => false)) {
          return { ...done(job, "hit", present), warning: `upstream ${upstreamError.host} unreachable (${upstreamError.detail}); using the preloaded copy` };
        }
        return failed(job, `upstream ${upstreamError.host} unreachable (${upstreamError.detail}) and the preloaded copy is missing blobs (dropped as damaged?)`);
      }
    }
    let failure = this.describe(err);
    const local = this.options.localImages;
    if (local !== void 0 && upstreamError !== void 0 && upstreamError.kind !== "invalid" && job.source.digest === void 0) {
      try {
        const imported = await importFromDaemon(
          local,
          this.store,
          job.ref,
          job.target,
          job.source.tag ?? "latest",
          (digest, size) => this.options.onEvent?.({ type: "blob-progress", ref: job.ref, digest, bytes: size, size })
        );
        if (imported !== void 0) {
          job.bytes += imported.bytesCopied;
          const result = done(job, imported.unchanged ? "hit" : "daemon", imported.digest);
          return isUnreachable2(upstreamError) ? { ...result, warning: `upstream ${upstreamError.host} unreachable (${upstreamError.detail}); preloaded from the local Docker daemon` } : result;
        }
        failure += "; not in the local Docker daemon either";
      } catch (daemonErr) {
        failure += `; preloading from the local Docker daemon failed: ${this.describe(daemonErr)}`;
      }
    }
    return failed(job, failure);
  }
  describe(err) {
    if (!(err instanceof RegistryError)) return storageFailure(err, this.store.root);
    if (isUnreachable2(err)) return `upstream ${err.host} unreachable (${err.detail}) and the image is not preloaded`;
    return `${err.detail} (upstream ${err.host})`;
  }
  upstream(host) {
    let client = this.upstreams.get(host);
    if (client === void 0) {
      client = new RegistryClient(this.options.upstream(host), this.clientOptions);
      this.upstreams.set(host, client);
    }
    return client;
  }
};
function storageFailure(err, root) {
  const code = err?.code;
  const reasons = { ENOSPC: "no space left on device", EACCES: "permission denied", EROFS: "read-only filesystem", EDQUOT: "disk quota exceeded" };
  if (code !== void 0 && reasons[code] !== void 0) return `cannot write the preload storage ${root}: ${reasons[code]}`;
  if (code !== void 0) return `cannot write the preload storage ${root}: ${code}`;
  return err instanceof Error ? err.message : String(err);
}
async function settleAll(work) {
  const outcomes = await Promise.allSettled(work);
  const failure = outcomes.find((o) => o.status === "rejected");
  if (failure !== void 0) throw failure.reason;
}
function done(job, source, digest) {
  return { ref: job.ref, digest, source, bytesCopied: job.bytes };
}
function failed(job, error) {
  return { ref: job.ref, bytesCopied: job.bytes, error: `${job.ref}: ${error}` };
}
function totalsOf(results, durationMs) {
  const count = (source) => results.filter((r) => r.source === source).length;
  const failed2 = results.filter((r) => r.error !== void 0).length;
  return {
    images: results.length,
    hits: count("hit"),
    copied: count("copied"),
    fromDaemon: count("daemon"),
    failed: failed2,
    bytesCopied: results.reduce((sum, r) => sum + r.bytesCopied, 0),
    durationMs
  };
}

// src/core/storage/free-space.ts
import { statfs } from "node:fs/promises";
var LOW_DISK_BYTES = 64 * 1024 * 1024;
async function fullDiskHint(path) {
  const free = await statfs(path).then((s) => s.bavail * s.bsize, () => void 0);
  return free !== void 0 && free < LOW_DISK_BYTES ? `${path} has ${formatBytes(free)} free: the disk is full` : void 0;
}

// src/core/preload/preloader.ts
function registryPreloader(env, credentials, localImages) {
  return {
    async preload(plan, onEvent) {
      const report = await copyImages(
        plan.preload.refs.map((ref) => ({ source: parseReference(ref) })),
        {
          target: { root: plan.preload.data },
          upstream: (host) => {
            const endpoint = endpointFor(plan.registries, host);
            return { url: endpoint.url, ...registryCredentials(endpoint, env) };
          },
          platforms: plan.preload.platforms,
          credentials,
          ...localImages && { localImages },
          onEvent
        }
      );
      const diskFull = report.results.some((r) => r.error) ? await fullDiskHint(plan.preload.data) : void 0;
      return { images: report.results, warnings: diskFull ? [diskFull] : [] };
    }
  };
}

// src/core/default-deps.ts
function defaultUpDeps(env, exec = processExec(env)) {
  const credentials = dockerConfigCredentials(env);
  let engine;
  const docker = () => engine ??= connectEngine(env);
  const localImages = {
    imageId: async (ref) => (await docker()).imageId(ref),
    save: async (ref) => (await docker()).saveImage(ref)
  };
  return {
    docker,
    exec,
    localImages,
    registries: dockerRegistries(docker, env, credentials),
    preloader: registryPreloader(env, credentials, localImages),
    builder: { run: (plan, reporter) => runBuilds(plan.builds, { root: plan.preload.data }, { env, logDir: plan.buildLogs }, { exec, localImages, reporter }) },
    hostsFiles: { write: writeHostsDir },
    cluster: kindCluster(exec)
  };
}
function dockerRegistries(docker, env, dockerCredentials) {
  return {
    connect: async () => void await docker(),
    startPreload: async (plan, note) => launchPreloadRegistry(await docker(), plan, note),
    async startMirrors(plan) {
      const mirrors = await ensureMirrors(await docker(), {
        entries: plan.mirrors?.entries ?? [],
        registryImage: plan.registryImage,
        home: plan.home.id,
        upstreamUrl: (host) => endpointFor(plan.registries, host).url,
        credentials: async (host) => registryCredentials(endpointFor(plan.registries, host), env) ?? await dockerCredentials(host),
        publish: plan.publish
      });
      return mirrors;
    },
    async startLocal(plan, note) {
      const local = localContainer(plan);
      const engine = await docker();
      const spec = { name: local.container, role: "local", home: plan.home.id, image: plan.registryImage, dataDir: local.data, network: KIND_NETWORK, publish: plan.publish };
      const registry = await onPlannedPort(local, (hostPort) => ensureRegistry(engine, { ...spec, ...hostPort !== void 0 && { hostPort } }), note);
      await waitForRegistry(registry.url);
      return registry;
    }
  };
}
function localContainer(plan) {
  if (plan.local?.kind !== "container") throw new Error("the plan starts no local registry container");
  return plan.local;
}

// src/core/lock.ts
var import_proper_lockfile = __toESM(require_proper_lockfile(), 1);
import { mkdir as mkdir4 } from "node:fs/promises";
import { join as join7 } from "node:path";
var DEFAULT_LOCK_WAIT_MS = 10 * 60 * 1e3;
async function withHomeLock(sewHome, reporter, work, waitMs = DEFAULT_LOCK_WAIT_MS) {
  await mkdir4(sewHome, { recursive: true });
  const options = {
    realpath: false,
    lockfilePath: join7(sewHome, ".lock"),
    // A holder that died stops refreshing its lock; after this long it is taken over.
    stale: 3e4,
    update: 1e4,
    onCompromised: (err) => reporter.warn(`the lock on ${sewHome} was lost: ${err.message}`)
  };
  const deadline = Date.now() + waitMs;
  let told = false;
  let release;
  while (!release) {
    try {
      release = await import_proper_lockfile.default.lock(sewHome, options);
    } catch (err) {
      if (err.code !== "ELOCKED") throw new RuntimeError(`cannot lock ${sewHome}: ${err.message}`);
      if (Date.now() >= deadline) throw new RuntimeError(`another sew-ci run still holds ${sewHome} after ${seconds(waitMs)} s (lock ${options.lockfilePath})`);
      if (!told) reporter.info(`another sew-ci run holds ${sewHome}; waiting for it (up to ${seconds(waitMs)} s)`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    await release().catch(() => void 0);
  }
}
function seconds(ms) {
  return ms < 1e4 ? (ms / 1e3).toFixed(1) : String(Math.round(ms / 1e3));
}

export {
  runBuilds,
  MANAGED_LABEL,
  HOME_LABEL,
  KindNotInstalledError,
  kind,
  clusterExists,
  assertOwnCluster,
  defaultUpDeps,
  withHomeLock
};
